// `--db`, `--collector`, `--no-history`: the history store a command records in (audit, fix). Apart
// from options.ts so that a command that records nothing (check) does not load a database driver.

import { HistoryStore } from '../audit/history/store.ts';
import { collectorName, historyTarget } from '../audit/history/target.ts';
import type { CommandIo } from './io.ts';

// biome-ignore lint/suspicious/noExplicitAny: options come from commander and are validated here.
type Opts = Record<string, any>;

/**
 * The history store `--db` names and who records in it (`--collector`), or null for
 * `--no-history`. Opened before any device is contacted: a wrong --db (a bad URL, a refused
 * password, a store from a newer smartlic) fails at once, not after a whole fleet.
 */
export async function openHistory(
  opts: Opts,
  io: CommandIo,
): Promise<{ store: HistoryStore; collector: string } | null> {
  const collector = collectorName(opts.collector);
  if (opts.history === false) return null;
  const store = await HistoryStore.open(historyTarget(opts.db, io.env, io.cwd), { create: true, collector });
  return { store, collector };
}
