// The SQLite back end (better-sqlite3, the embedded default): WAL so readers never wait for the
// writer, a busy timeout so two collectors on one machine queue instead of failing, and
// BEGIN IMMEDIATE so a transaction holds the write lock from its first statement (a deferred one
// that upgrades later fails at once with SQLITE_BUSY under a concurrent writer).
//
// Within one process, transactions on one file take turns in a queue: the store's transactions
// await between statements, and better-sqlite3 waits for a lock synchronously, so a second
// connection of the same process waiting on the first would block the very event loop the first
// needs to finish.

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { SqlDb, SqlRow, SqlValue } from './sql.ts';

// better-sqlite3 binds numbers, strings, bigints, buffers and null; a boolean is stored as 1/0.
const bind = (params: SqlValue[]) => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

/** The tail of each file's transaction queue in this process. */
const queues = new Map<string, Promise<unknown>>();

function takeTurn<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const before = queues.get(file) ?? Promise.resolve();
  const mine = before.then(fn, fn);
  const tail = mine.catch(() => {});
  queues.set(file, tail);
  // Forget an idle file's queue so the map does not grow with every store opened.
  void tail.then(() => {
    if (queues.get(file) === tail) queues.delete(file);
  });
  return mine;
}

export class SqliteDb implements SqlDb {
  readonly dialect = 'sqlite';
  private readonly inserts = new Map<string, Database.Statement>();

  private constructor(
    private readonly db: Database.Database,
    private readonly file: string,
  ) {}

  /** Open (creating the folder and file when `create`) the database at `path`. */
  static open(path: string, create: boolean): SqliteDb {
    if (create && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { fileMustExist: !create });
    try {
      // Another process's transaction (an import, a large fleet) may hold the lock for a while.
      db.pragma('busy_timeout = 30000');
      db.pragma('journal_mode = WAL');
      // A recorded audit survives a power loss, as on PostgreSQL with its defaults (better-sqlite3
      // builds default WAL databases to NORMAL, which may lose the last commits). One sync per
      // audit is nothing beside collecting it.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteDb(db, path === ':memory:' ? `:memory:${Math.random()}` : resolve(path));
  }

  async all(sql: string, params: SqlValue[] = []): Promise<SqlRow[]> {
    const stmt = this.db.prepare(sql);
    if (stmt.reader) return stmt.all(...bind(params)) as SqlRow[];
    stmt.run(...bind(params));
    return [];
  }

  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async insertMany(table: string, columns: readonly string[], rows: SqlValue[][]): Promise<void> {
    const key = `${table}(${columns.join(',')})`;
    let stmt = this.inserts.get(key);
    if (!stmt) {
      stmt = this.db.prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      this.inserts.set(key, stmt);
    }
    for (const row of rows) stmt.run(...bind(row));
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return takeTurn(this.file, async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn();
        this.db.exec('COMMIT');
        return out;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async beginSnapshot(): Promise<void> {
    // Deferred: in WAL mode the first read fixes the snapshot, and writers are not held up.
    this.db.exec('BEGIN');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
