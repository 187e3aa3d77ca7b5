// `smartlic history [DEVICE] [--db FILE] [--json]`: how each device's licensing state and
// deadlines moved between recorded audits.

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Table from 'cli-table3';
import type { HistoryOutput } from '../audit/history/contract.ts';
import { type Movement, movements } from '../audit/history/movement.ts';
import { defaultHistoryPath, HistoryStore } from '../audit/history/store.ts';
import { InputError } from '../errors.ts';
import type { CommandIo } from './io.ts';

// biome-ignore lint/suspicious/noExplicitAny: options come from commander and are validated here.
type Opts = Record<string, any>;

export async function run(args: string[], opts: Opts, io: CommandIo): Promise<number> {
  const path = opts.db ? resolve(io.cwd, String(opts.db)) : defaultHistoryPath(io.env);
  if (!existsSync(path)) {
    throw new InputError(
      'HISTORY_MISSING',
      `no history store at ${path}: run \`smartlic audit\` first (or give --db FILE)`,
      {
        file: path,
      },
    );
  }
  const device = args[0];
  const store = HistoryStore.open(path);
  let byDevice: Map<string, Movement[]>;
  try {
    byDevice = movements(store.entries(device));
  } finally {
    store.close();
  }
  if (device && !byDevice.has(device)) {
    throw new InputError('HISTORY_NO_DEVICE', `no audits of ${device} recorded in ${path}`, {
      file: path,
      device,
    });
  }
  if (opts.json) {
    const output: HistoryOutput = { db: path, devices: Object.fromEntries(byDevice) };
    io.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  }
  if (byDevice.size === 0) {
    io.stdout.write(`no audits recorded yet in ${path}\n`);
    return 0;
  }
  for (const [name, list] of byDevice) io.stdout.write(`${renderDevice(name, list)}\n`);
  return 0;
}

function renderDevice(name: string, list: Movement[]): string {
  const table = new Table({
    head: ['audited at', 'registration', 'authorization', 'deadline', 'reg. expiry', 'worst', 'changes'],
    style: { head: [], border: [] },
  });
  for (const m of list) {
    table.push([
      m.now.replace('T', ' ').slice(0, 16),
      m.registration ?? '-',
      m.authorization ?? '-',
      m.communicationDeadline ? `${m.communicationDeadline.slice(0, 10)} (${m.daysToDeadline ?? '?'}d)` : '-',
      m.registrationExpires
        ? `${m.registrationExpires.slice(0, 10)} (${m.daysToRegistrationExpiry ?? '?'}d)`
        : '-',
      m.worst,
      m.changes.length ? m.changes.join('\n') : list[0] === m ? '(first audit)' : '(no change)',
    ]);
  }
  return `== ${name}\n${table.toString()}`;
}
