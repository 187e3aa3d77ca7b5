// A throwaway PostgreSQL cluster from Debian's `postgresql` package (scripts/install-system-deps.sh):
// `initdb` in a temp folder, `postgres` on a free 127.0.0.1 port (and a unix socket in the folder),
// stopped and removed by `stop()`. The history tests and bench/history.ts run against it.
//
// initdb and postgres refuse to run as root, and CI runs as root: then both run as Debian's
// `postgres` system user (setpriv execs in place, so the process we signal is postgres itself),
// with the folder handed to that user. Superuser access is over the socket (trust); the `smartlic`
// role logs in over TCP with a password (scram-sha-256), as a collector on another machine would.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freeLoopbackPort } from './tinyproxy.ts';

export interface PostgresCluster {
  port: number;
  /** The `smartlic` role's password: what a URL carries and nothing may store or print. */
  password: string;
  /** A new empty database owned by `smartlic`; its URL (TCP, password in it). */
  createDatabase(name: string): Promise<string>;
  /** Run SQL as the superuser in database `db`. */
  admin<T extends pg.QueryResultRow = pg.QueryResultRow>(db: string, sql: string): Promise<T[]>;
  /** The server's log so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

/** The newest `/usr/lib/postgresql/N/bin` holding initdb and postgres, if any. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** Why a cluster cannot be started here, or undefined when it can. */
export function postgresMissingReason(): string | undefined {
  const bin = postgresBinDir();
  if (!bin) return 'no /usr/lib/postgresql/*/bin/postgres: run scripts/install-system-deps.sh';
  if (isRoot() && spawnSync('id', ['-u', 'postgres']).status !== 0) {
    return 'running as root and there is no `postgres` user to run the server as';
  }
  return undefined;
}

const isRoot = () => process.getuid?.() === 0;

/** The command line that runs `bin` as the unprivileged user when we are root. */
function asServerUser(bin: string, args: string[]): [string, string[]] {
  return isRoot()
    ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', bin, ...args]]
    : [bin, args];
}

/**
 * Start a cluster. `durable: false` (tests) turns fsync off; bench/history.ts keeps PostgreSQL's
 * defaults so that it compares like with like against SQLite's.
 */
export async function startPostgres(opts: { durable?: boolean } = {}): Promise<PostgresCluster> {
  const missing = postgresMissingReason();
  if (missing) throw new Error(`cannot start PostgreSQL: ${missing}`);
  const bin = postgresBinDir() as string;
  const dir = mkdtempSync(join(tmpdir(), 'smartlic-pg-'));
  if (isRoot()) {
    const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
    const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const [initCmd, initArgs] = asServerUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}): ${init.stderr || init.error?.message}`);
  }

  let logText = '';
  let child: ChildProcess | undefined;
  let port = 0;
  for (let attempt = 0; attempt < 5 && !child; attempt++) {
    port = await freeLoopbackPort();
    const settings = [
      'listen_addresses=127.0.0.1',
      `port=${port}`,
      `unix_socket_directories=${dir}`,
      'shared_buffers=32MB',
      'max_connections=40',
      ...(opts.durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
    ].flatMap((s) => ['-c', s]);
    const [cmd, args] = asServerUser(join(bin, 'postgres'), ['-D', data, ...settings]);
    const proc = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 30_000);
      proc.stderr?.on('data', (chunk: Buffer) => {
        logText = (logText + chunk.toString()).slice(-20_000);
        if (logText.includes('ready to accept connections')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (ready) child = proc;
    else {
      proc.kill('SIGQUIT');
      // A port taken between our check and the bind: try another one.
      if (!/could not bind|Address already in use/i.test(logText)) break;
    }
  }
  if (!child) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`postgres did not start:\n${logText}`);
  }
  const server = child;

  const adminClient = async (db: string) => {
    const c = new pg.Client({ host: dir, port, user: 'postgres', database: db });
    await c.connect();
    return c;
  };
  const admin = async <T extends pg.QueryResultRow>(db: string, sql: string): Promise<T[]> => {
    const c = await adminClient(db);
    try {
      return (await c.query<T>(sql)).rows;
    } finally {
      await c.end();
    }
  };
  const password = `pg-${randomBytes(9).toString('base64url')}`;
  await admin('postgres', `CREATE ROLE smartlic LOGIN PASSWORD '${password}'`);

  return {
    port,
    password,
    admin,
    async createDatabase(name) {
      if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`database name ${name}: letters, digits, _`);
      await admin('postgres', `CREATE DATABASE ${name} OWNER smartlic`);
      return `postgres://smartlic:${encodeURIComponent(password)}@127.0.0.1:${port}/${name}`;
    },
    log: () => logText,
    async stop() {
      if (server.exitCode === null && server.signalCode === null) {
        const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
        server.kill('SIGINT'); // fast shutdown: ends sessions, checkpoints, exits
        const timer = setTimeout(() => server.kill('SIGQUIT'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
