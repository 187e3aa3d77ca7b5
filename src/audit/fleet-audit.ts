// One audit of a fleet from the command line's point of view, shared by `smartlic audit` and
// `smartlic check`: read the flags, load the inventory (SSH) or the saved outputs, collect,
// diagnose, and say what went wrong once (grouped), without deciding how the report is shown.

import { resolve } from 'node:path';
import type { CommandIo } from '../commands/io.ts';
import { onInterrupt, sshFleetOptions } from '../commands/options.ts';
import { EXIT, UsageError } from '../errors.ts';
import type { DeviceCollection } from './collect/types.ts';
import { deviceClock } from './diagnose/device-clock.ts';
import type { AuditReport, DeviceAudit } from './report/contract.ts';
import { terminalText } from './report/escape.ts';
import { groupByMessage, groupedLine, namesOf } from './report/grouped.ts';
import { CLEAR_PROGRESS, progressLine } from './report/progress.ts';
import { reportExitStatus, runAudit } from './run.ts';

// biome-ignore lint/suspicious/noExplicitAny: options come from commander and are validated here.
type Opts = Record<string, any>;

export interface FleetAuditOptions {
  /** Draw the progress line on stderr (a terminal, and not a machine-readable output). */
  progress: boolean;
  /** Called once per device as soon as it is diagnosed (--save-raw). */
  onDevice?: (audit: DeviceAudit, collection: DeviceCollection) => Promise<void>;
}

export interface FleetAudit {
  report: AuditReport;
  /** Ctrl-C stopped the collection; the report holds what was diagnosed. */
  interrupted: boolean;
  /** Why the run itself could not proceed (no device at all, every input unreadable), else null. */
  runFailed: string | null;
  /** Lines for stderr, each problem once: inventory warnings, devices that could not be checked. */
  problems: string[];
}

/**
 * The usage check that needs nothing opened: exactly one of `--inventory` and `--from`. Commands
 * call it before opening the history store, so a usage error is never hidden behind a store error.
 */
export function checkFleetSource(opts: Opts): void {
  if (Boolean(opts.inventory) === Boolean((opts.from as string[] | undefined)?.length)) {
    throw new UsageError(
      'give either --inventory FILE (audit over SSH) or --from DIR|FILE... (saved outputs)',
    );
  }
}

/**
 * Validate the fleet flags (`--inventory`/`--from`, `--now`, `--limit`, `--concurrency`,
 * `--timeout`, `--known-hosts`, `--accept-new`) and audit the fleet they name.
 */
export async function auditFleet(opts: Opts, io: CommandIo, how: FleetAuditOptions): Promise<FleetAudit> {
  checkFleetSource(opts);
  const inventory = opts.inventory as string | undefined;
  const from = opts.from as string[] | undefined;
  // `--now device`: each device is evaluated at its own `show clock` (a capture's moment, a lab's
  // virtual clock); devices that printed none fall back to the wall clock, with a note.
  const deviceTime = opts.now === 'device';
  const now = deviceTime ? Date.now() : parseNow(opts.now);
  const fleet = sshFleetOptions(opts, io);
  // An Ansible host pattern (src/audit/collect/inventory/limit.ts); selecting nothing is a usage error.
  const limit = opts.limit === undefined ? undefined : String(opts.limit);

  const interrupt = onInterrupt(io, 'finishing the devices in flight, then writing what was collected');
  const problems: string[] = [];
  let done = 0;
  let failed = 0;
  let total = 0;
  try {
    let collections: AsyncIterable<DeviceCollection> | Iterable<DeviceCollection>;
    if (inventory) {
      const collect = await import('./collect/index.ts');
      const inv = collect.limitInventory(
        await collect.loadInventory(resolve(io.cwd, inventory), { env: io.env, cwd: io.cwd }),
        limit,
      );
      // Plaintext secrets and skipped hosts: said once, without the values.
      problems.push(...groupInventoryWarnings(inv.warnings).map((w) => `warning: ${w}`));
      total = inv.devices.length + inv.invalid.length;
      collections = collect.collectFleet(inv, { ...fleet, signal: interrupt.signal });
    } else {
      const { limitByName, loadSaved } = await import('./collect/index.ts');
      const saved = await loadSaved(
        (from as string[]).map((p) => resolve(io.cwd, p)),
        { warn: (w) => problems.push(`warning: ${w}`) },
      );
      const list = limitByName(saved, (c) => c.device, limit);
      total = list.length;
      collections = list;
    }
    const report = await runAudit({
      collections,
      now,
      nowFrom: opts.now === undefined || deviceTime ? 'wall' : 'given',
      ...(deviceTime ? { nowFor: (c: DeviceCollection) => deviceClock(c.outputs) } : {}),
      generatedAt: Date.now(),
      signal: interrupt.signal,
      onDevice: async (audit, collection) => {
        done++;
        if (!audit.ok) failed++;
        await how.onDevice?.(audit, collection);
        if (how.progress) io.stderr.write(progressLine(done, total, failed, audit.device));
      },
    });
    if (how.progress) io.stderr.write(CLEAR_PROGRESS);
    const notChecked = report.devices.filter((d) => d.error);
    problems.push(
      ...groupByMessage(notChecked.map((d) => ({ subject: d.device, message: d.error?.message ?? '' }))).map(
        groupedLine,
      ),
    );
    return {
      report,
      interrupted: interrupt.signal.aborted,
      runFailed: runFailure(report),
      // Names and messages from devices and captures, for a terminal: no escape sequence in them.
      problems: problems.map(terminalText),
    };
  } finally {
    interrupt.release();
  }
}

/**
 * The run itself could not proceed: there was no device at all (an empty inventory, a limit that
 * matched none), or every input named could not be read. Devices that could not be checked are
 * not this: they are UNKNOWN, and a worse device beside them still decides the exit status.
 */
function runFailure(report: AuditReport): string | null {
  if (report.devices.length === 0) return 'no device to audit';
  if (report.devices.every((d) => d.error?.code === 'READ_FAILED')) return 'none of the inputs could be read';
  return null;
}

/**
 * The exit status of an audit: 130 when interrupted, 4 when the run could not proceed or an
 * output asked for was not written, else the report's (0-3, docs/exit-status.md).
 */
export function fleetExitStatus(fleet: FleetAudit, outputsFailed: boolean): number {
  if (fleet.interrupted) return EXIT.INTERRUPTED;
  if (fleet.runFailed || outputsFailed) return EXIT.RUN_FAILED;
  return reportExitStatus(fleet.report);
}

/**
 * Inventory warnings with the same text for many devices (a plaintext password on each) as one
 * line per file and text. The inventory readers write them as `FILE:LINE: device NAME: text` (or
 * `host NAME`); a line in another form is kept as it is.
 */
export function groupInventoryWarnings(lines: string[]): string[] {
  const keyed = lines.map((line) => {
    const m = /^(.*?)(?::(?:\d+|\?))?: (?:device|host) (.+?): (.*)$/.exec(line);
    return m ? { subject: m[2] as string, message: `${m[1]}: ${m[3]}` } : { subject: '', message: line };
  });
  return groupByMessage(keyed).map((g) => {
    if (g.subjects.every((s) => s === '')) return g.message;
    const cut = g.message.indexOf(': ');
    return `${g.message.slice(0, cut)}: ${namesOf(g.subjects)}: ${g.message.slice(cut + 2)}`;
  });
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
