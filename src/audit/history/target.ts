// Where the history lives and who writes it: `--db` (else `SMARTLIC_DB`, else the user's data
// folder) names a SQLite file or a PostgreSQL URL; `--collector` (else the host name) names the
// machine recording the audits. Shared by every command that reads or writes history.

import { homedir, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { UsageError } from '../../errors.ts';

export type HistoryTarget =
  | { kind: 'sqlite'; path: string; display: string }
  /** `display` is the URL without its password (or any query parameter): safe to print. */
  | { kind: 'postgres'; url: string; display: string };

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/** `$XDG_DATA_HOME/smartlic/history.db`, else `~/.local/share/smartlic/history.db`. */
export function defaultHistoryPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_DATA_HOME?.trim() || join(env.HOME?.trim() || homedir(), '.local', 'share');
  return join(base, 'smartlic', 'history.db');
}

/** The store named by `--db`, else `SMARTLIC_DB`, else the default SQLite file. */
export function historyTarget(db: unknown, env: NodeJS.ProcessEnv, cwd: string): HistoryTarget {
  const given = typeof db === 'string' && db.trim() ? db.trim() : env.SMARTLIC_DB?.trim();
  if (!given) {
    const path = defaultHistoryPath(env);
    return { kind: 'sqlite', path, display: path };
  }
  if (POSTGRES_URL.test(given)) return { kind: 'postgres', url: given, display: redactUrl(given) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(given)) {
    throw new UsageError(
      `--db: ${JSON.stringify(given.split('://')[0])} is not a history back end: give a SQLite file or postgres://…`,
    );
  }
  const path = given === ':memory:' ? given : resolve(cwd, given);
  return { kind: 'sqlite', path, display: path };
}

/**
 * `postgres://user@host:port/db`: the URL without password and query (a query may carry
 * `password=`). Whatever cannot be parsed is shown as `postgres://…` rather than risk echoing it.
 */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${u.username}@` : '';
    return `${u.protocol}//${user}${u.host}${u.pathname}`;
  } catch {
    return 'postgres://…';
  }
}

/** The collector's name: `--collector`, else this machine's host name. */
export function collectorName(given: unknown): string {
  const name = typeof given === 'string' ? given.trim() : hostname();
  // Shown in tables and used as a Grafana label: one printable line of reasonable length.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  if (!name || name.length > 128 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new UsageError(
      `--collector: expected a name of 1-128 printable characters, got ${JSON.stringify(given ?? name)}`,
    );
  }
  return name;
}
