// What the commands share of their options: whole numbers and durations in seconds (each check
// names the flag and what was expected, a usage error), the SSH fleet options of audit and fix,
// and Ctrl-C. The history store they record in: history-option.ts.

import { resolve } from 'node:path';
import type { CollectFleetOptions } from '../audit/collect/fleet.ts';
import { UsageError } from '../errors.ts';
import type { CommandIo } from './io.ts';

// biome-ignore lint/suspicious/noExplicitAny: options come from commander and are validated here.
type Opts = Record<string, any>;

/** A positive whole number (`--concurrency`, `--timeout`). */
export function positiveInt(value: unknown, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag}: expected a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}

/** A positive number of seconds, fractions allowed (`--poll 0.5`). */
export function positiveSeconds(value: unknown, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag}: expected a positive number of seconds, got ${JSON.stringify(value)}`);
  return n;
}

/** `--concurrency`, `--timeout`, `--known-hosts`, `--accept-new`: how a fleet is reached over SSH. */
export function sshFleetOptions(opts: Opts, io: CommandIo): CollectFleetOptions {
  return {
    concurrency: positiveInt(opts.concurrency ?? '20', '--concurrency'),
    timeoutMs: positiveInt(opts.timeout ?? '30', '--timeout') * 1000,
    knownHostsFile: opts.knownHosts ? resolve(io.cwd, opts.knownHosts) : undefined,
    acceptNew: Boolean(opts.acceptNew),
    env: io.env,
  };
}

/** Ctrl-C says `what` happens now and fires the signal; `release` stops listening. */
export function onInterrupt(io: CommandIo, what: string): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const handler = () => {
    io.stderr.write(`\nsmartlic: interrupted: ${what}\n`);
    controller.abort();
  };
  process.once('SIGINT', handler);
  return { signal: controller.signal, release: () => process.removeListener('SIGINT', handler) };
}
