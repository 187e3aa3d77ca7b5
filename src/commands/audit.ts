// `smartlic audit`: collect (SSH inventory or saved files), diagnose, report, record history.
// Exit status (DESIGN.md): 0 nothing worse than info, 1 warning, 2 critical, 3 usage, 4 I/O,
// 130 when Ctrl-C stopped collection (what was collected is still reported and written).

import { resolve } from 'node:path';
import type { DeviceCollection } from '../audit/collect/types.ts';
import { deviceClock } from '../audit/diagnose/device-clock.ts';
import { HistoryStore } from '../audit/history/store.ts';
import { collectorName, historyTarget } from '../audit/history/target.ts';
import { type AuditOutputs, writeAuditOutputs } from '../audit/index.ts';
import { progressLine } from '../audit/report/progress.ts';
import { reportExitStatus, runAudit } from '../audit/run.ts';
import { SmartlicError, UsageError } from '../errors.ts';
import type { CommandIo } from './io.ts';

// biome-ignore lint/suspicious/noExplicitAny: options come from commander and are validated here.
type Opts = Record<string, any>;

export async function run(_args: string[], opts: Opts, io: CommandIo): Promise<number> {
  const inventory = opts.inventory as string | undefined;
  const from = opts.from as string[] | undefined;
  if (Boolean(inventory) === Boolean(from?.length)) {
    throw new UsageError(
      'give either --inventory FILE (audit over SSH) or --from DIR|FILE... (saved outputs)',
    );
  }
  // `--now device`: each device is evaluated at its own `show clock` (a capture's moment, a lab's
  // virtual clock); devices that printed none fall back to the wall clock.
  const deviceTime = opts.now === 'device';
  const now = deviceTime ? Date.now() : parseNow(opts.now);
  const concurrency = positiveInt(opts.concurrency ?? '20', '--concurrency');
  const timeoutMs = positiveInt(opts.timeout ?? '30', '--timeout') * 1000;
  const limit = opts.limit === undefined ? undefined : String(opts.limit);
  // Opened before collecting: a wrong --db (a bad URL, a refused password, a store from a newer
  // smartlic) fails at once, not after a whole fleet has been collected.
  const collector = collectorName(opts.collector);
  const store =
    opts.history === false
      ? null
      : await HistoryStore.open(historyTarget(opts.db, io.env, io.cwd), { create: true, collector });

  const controller = new AbortController();
  const onSigint = () => {
    io.stderr.write(
      '\nsmartlic: interrupted: finishing the devices in flight, then writing what was collected\n',
    );
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  const showProgress = Boolean(io.stderr.isTTY) && !opts.json;
  let done = 0;
  let failed = 0;
  let total = 0;
  const rawErrors: string[] = [];
  try {
    let collections: AsyncIterable<DeviceCollection> | Iterable<DeviceCollection>;
    if (inventory) {
      const collect = await import('../audit/collect/index.ts');
      const inv = collect.limitInventory(
        await collect.loadInventory(resolve(io.cwd, inventory), { env: io.env, cwd: io.cwd }),
        limit,
      );
      // Plaintext secrets and skipped hosts: said once, without the values.
      for (const w of inv.warnings) io.stderr.write(`smartlic: warning: ${w}\n`);
      total = inv.devices.length + inv.invalid.length;
      collections = collect.collectFleet(inv, {
        concurrency,
        timeoutMs,
        knownHostsFile: opts.knownHosts ? resolve(io.cwd, opts.knownHosts) : undefined,
        acceptNew: Boolean(opts.acceptNew),
        env: io.env,
        signal: controller.signal,
      });
    } else {
      const { limitByName, loadSaved } = await import('../audit/collect/index.ts');
      const saved = await loadSaved((from as string[]).map((p) => resolve(io.cwd, p)));
      const list = limitByName(saved, (c) => c.device, limit);
      total = list.length;
      collections = list;
    }
    const report = await runAudit({
      collections,
      now,
      ...(deviceTime ? { nowFor: (c: DeviceCollection) => deviceClock(c.outputs) } : {}),
      generatedAt: Date.now(),
      signal: controller.signal,
      onDevice: async (audit, collection) => {
        done++;
        if (!audit.ok) failed++;
        if (opts.saveRaw) {
          try {
            const { writeRaw } = await import('../audit/collect/index.ts');
            await writeRaw(resolve(io.cwd, opts.saveRaw), collection);
          } catch (error) {
            rawErrors.push(error instanceof SmartlicError ? error.oneLine() : String(error));
          }
        }
        if (showProgress) io.stderr.write(progressLine(done, total, failed, audit.device));
      },
    });
    if (showProgress) io.stderr.write('\r\x1b[K');
    for (const line of rawErrors) io.stderr.write(`smartlic: ${line}\n`);
    const outputs: AuditOutputs = {
      json: Boolean(opts.json),
      html: opts.html,
      prometheus: opts.prometheus,
      history: store && { store, collector },
    };
    const ioStatus = await writeAuditOutputs(report, outputs, io);
    // Bad input (an unreadable saved file, an invalid inventory entry) is an input error: one
    // line each on stderr and exit 4, after every other device has still been reported.
    const badInput = report.devices.filter(
      (d) =>
        d.error && (d.error.phase === 'inventory' || (d.source.kind === 'file' && d.error.phase === 'read')),
    );
    for (const d of badInput) io.stderr.write(`smartlic: ${d.device}: ${d.error?.message}\n`);
    if (controller.signal.aborted) return 130;
    return Math.max(reportExitStatus(report), ioStatus, rawErrors.length || badInput.length ? 4 : 0);
  } finally {
    process.removeListener('SIGINT', onSigint);
    await store?.close();
  }
}

function parseNow(value: unknown): number {
  if (value === undefined) return Date.now();
  const t = Date.parse(String(value));
  if (Number.isNaN(t))
    throw new UsageError(
      `--now: not an ISO-8601 time: ${JSON.stringify(value)} (e.g. 2026-05-01T00:00:00Z), or device`,
    );
  return t;
}

function positiveInt(value: unknown, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag}: expected a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}
