// `smartlic history [DEVICE] [--db FILE|URL] [--json]`: how each device's licensing state and
// deadlines moved between recorded audits, from SQLite or PostgreSQL.
// `--export [FILE]` writes the whole history as JSON lines; `--import FILE` reads such a file
// into the store (how history moves between back ends, or several stores merge into one).

import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import Table from 'cli-table3';
import type { HistoryFix, HistoryOutput } from '../audit/history/contract.ts';
import { numberedLines } from '../audit/history/lines.ts';
import { fixesByDevice, laneOf, type Movement, movements } from '../audit/history/movement.ts';
import { HistoryStore } from '../audit/history/store.ts';
import { type HistoryTarget, historyTarget } from '../audit/history/target.ts';
import { jsonText, terminalText } from '../audit/report/escape.ts';
import { writeFileAtomic } from '../audit/report/write-atomic.ts';
import { InputError, UsageError } from '../errors.ts';
import type { CommandIo } from './io.ts';

// biome-ignore lint/suspicious/noExplicitAny: options come from commander and are validated here.
type Opts = Record<string, any>;

export async function run(args: string[], opts: Opts, io: CommandIo): Promise<number> {
  const device = args[0];
  const target = historyTarget(opts.db, io.env, io.cwd);
  const exporting = opts.export !== undefined && opts.export !== false;
  if (exporting && opts.import) throw new UsageError('give --export or --import, not both');
  if ((exporting || opts.import) && (device !== undefined || opts.json)) {
    throw new UsageError('--export and --import move the whole history: no DEVICE, no --json');
  }
  if (opts.import) return importHistory(String(opts.import), target, io);

  const store = await HistoryStore.open(target, { create: false });
  try {
    if (exporting) return await exportHistory(store, opts.export, io);
    const byDevice = movements(await store.entries(device));
    const fixes = fixesByDevice(await store.fixes(device));
    if (device && !byDevice.has(device) && !fixes.has(device)) {
      throw new InputError(
        'HISTORY_NO_DEVICE',
        `no audits or fixes of ${device} recorded in ${store.where}`,
        {
          ...(target.kind === 'sqlite' ? { file: target.path } : {}),
          device,
        },
      );
    }
    if (opts.json) {
      const output: HistoryOutput = {
        db: store.where,
        devices: Object.fromEntries(byDevice),
        fixes: Object.fromEntries(fixes),
      };
      io.stdout.write(`${jsonText(output)}\n`);
      return 0;
    }
    if (byDevice.size === 0 && fixes.size === 0) {
      io.stdout.write(`no audits recorded yet in ${store.where}\n`);
      return 0;
    }
    const names = [...new Set([...byDevice.keys(), ...fixes.keys()])].sort((a, b) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    for (const name of names) {
      const audits = byDevice.get(name);
      const fixed = fixes.get(name);
      const parts = [audits ? renderDevice(name, audits) : `== ${terminalText(name)}`];
      if (fixed) parts.push(renderFixes(fixed));
      io.stdout.write(`${parts.join('\n')}\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

/** `--export` alone prints to stdout; `--export FILE` replaces FILE whole when done. */
async function exportHistory(store: HistoryStore, file: unknown, io: CommandIo): Promise<number> {
  const lines = async function* () {
    for await (const line of store.exportLines()) yield `${line}\n`;
  };
  if (typeof file === 'string') {
    await writeFileAtomic(resolve(io.cwd, file), lines());
    return 0;
  }
  for await (const line of lines()) {
    // Wait for a slow reader (a pipe) instead of buffering the whole history.
    if (!io.stdout.write(line)) await new Promise((r) => io.stdout.once('drain', r));
  }
  return 0;
}

async function importHistory(file: string, target: HistoryTarget, io: CommandIo): Promise<number> {
  const path = resolve(io.cwd, file);
  const input = createReadStream(path);
  // Fail on an unreadable file before touching the store.
  await new Promise<void>((ok, fail) => {
    input.once('readable', ok);
    input.once('error', (error) =>
      fail(new InputError('HISTORY_IMPORT', `cannot read ${path}: ${error.message}`, { file: path }, error)),
    );
  });
  const store = await HistoryStore.open(target, { create: true });
  try {
    const r = await store.importLines(numberedLines(input), path);
    for (const p of r.problems) io.stderr.write(`smartlic: ${p}\n`);
    io.stdout.write(
      `imported ${r.audits} audit(s), ${r.devices} device row(s), ${r.fixes} fix(es) into ${store.where}` +
        `${r.alreadyPresent ? `; ${r.alreadyPresent} audit(s) already there` : ''}\n`,
    );
    return r.problems.length ? 4 : 0;
  } finally {
    input.destroy();
    await store.close();
  }
}

function renderDevice(name: string, list: Movement[]): string {
  const several = new Set(list.map((m) => m.collector)).size > 1;
  const table = new Table({
    head: [
      'audited at',
      ...(several ? ['collector'] : []),
      'registration',
      'authorization',
      'deadline',
      'reg. expiry',
      'worst',
      'changes',
    ],
    style: { head: [], border: [] },
  });
  const seen = new Set<string>();
  for (const m of list) {
    const lane = laneOf(m);
    const first = !seen.has(lane);
    seen.add(lane);
    table.push([
      ...[
        m.now.replace('T', ' ').slice(0, 16),
        ...(several ? [m.collector ?? '-'] : []),
        m.registration ?? '-',
        m.authorization ?? '-',
        m.communicationDeadline
          ? `${m.communicationDeadline.slice(0, 10)} (${m.daysToDeadline ?? '?'}d)`
          : '-',
        m.registrationExpires
          ? `${m.registrationExpires.slice(0, 10)} (${m.daysToRegistrationExpiry ?? '?'}d)`
          : '-',
        m.worst,
      ].map(terminalText),
      // One change a line: each escaped alone, so terminalText does not fold the cell's breaks.
      m.changes.length ? m.changes.map(terminalText).join('\n') : first ? '(first audit)' : '(no change)',
    ]);
  }
  return `== ${terminalText(name)}\n${table.toString()}`;
}

/** A device's fixes: when, what was planned or done, the transport before and after, the renewal. */
function renderFixes(list: HistoryFix[]): string {
  const table = new Table({
    head: ['fix at', 'mode', 'strategy', 'outcome', 'transport', 'renewal', 'saved', 'why'],
    style: { head: [], border: [] },
    colWidths: [null, null, null, null, null, null, null, 60],
    wordWrap: true,
  });
  for (const f of list) {
    const after = f.mode === 'apply' ? f.transportAfter : f.transportPlanned;
    table.push(
      [
        f.at.replace('T', ' ').slice(0, 16),
        f.mode,
        f.strategy ?? '-',
        f.outcome,
        after && after !== f.transportBefore
          ? `${f.transportBefore ?? '?'} -> ${after}`
          : (f.transportBefore ?? '-'),
        f.verification ?? '-',
        f.written === null ? '-' : f.written ? 'yes' : 'NO',
        f.message,
      ].map(terminalText),
    );
  }
  return table.toString();
}
