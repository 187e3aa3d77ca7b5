// The seam between the history store and a database driver. The store's queries are written once,
// with `?` placeholders, against this interface; each adapter (sqlite.ts, postgres.ts) maps it to
// its driver. Values read back are plain: strings for text, time and JSON columns (JSON is kept
// as its text, so both back ends hand out the same bytes), numbers, and booleans or 0/1.

export type DialectName = 'sqlite' | 'postgres';

export type SqlValue = string | number | boolean | null;
export type SqlRow = Record<string, unknown>;

export interface SqlDb {
  readonly dialect: DialectName;
  /** Rows of one statement; `?` placeholders bound in order. */
  all(sql: string, params?: SqlValue[]): Promise<SqlRow[]>;
  /** Statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Insert rows into one table in as few round trips as the back end allows. */
  insertMany(table: string, columns: readonly string[], rows: SqlValue[][]): Promise<void>;
  /**
   * Run `fn` in one transaction: committed when it returns, rolled back when it throws. Writers
   * are serialised: SQLite takes the write lock at BEGIN (BEGIN IMMEDIATE), PostgreSQL takes
   * `lock`'s advisory lock when given (migrations), row locks otherwise.
   */
  transaction<T>(fn: () => Promise<T>, opts?: { lock?: number }): Promise<T>;
  /** Start a read-only transaction that sees one snapshot until `COMMIT`. */
  beginSnapshot(): Promise<void>;
  close(): Promise<void>;
}

/** `fn` inside a savepoint: undone alone (the transaction goes on) when it throws. */
export async function inSavepoint<T>(db: SqlDb, name: string, fn: () => Promise<T>): Promise<T> {
  await db.exec(`SAVEPOINT ${name}`);
  try {
    const out = await fn();
    await db.exec(`RELEASE SAVEPOINT ${name}`);
    return out;
  } catch (error) {
    await db.exec(`ROLLBACK TO SAVEPOINT ${name}`);
    await db.exec(`RELEASE SAVEPOINT ${name}`);
    throw error;
  }
}
