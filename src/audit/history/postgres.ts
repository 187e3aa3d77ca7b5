// The PostgreSQL back end (node-postgres `pg`, one connection per store): for collectors on
// several machines writing one shared history. Loaded only when `--db postgres://…` is given.

import pg from 'pg';
import type { SqlDb, SqlRow, SqlValue } from './sql.ts';

// Read values as the SQLite back end gives them (sql.ts): JSON as its text, times as ISO-8601
// UTC strings, 64-bit counts and ids as numbers (they stay far below 2^53).
const parseTime = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ);
const PARSERS = new Map<number, (text: string) => unknown>([
  [pg.types.builtins.INT8, Number],
  [pg.types.builtins.JSON, (text) => text],
  [pg.types.builtins.TIMESTAMPTZ, (text) => (parseTime(text) as Date).toISOString()],
]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    PARSERS.get(oid) ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

// The protocol carries at most 65,535 parameters per statement; a thousand rows a statement is
// already past the point where bigger batches save time.
const MAX_PARAMS = 65_535;
const MAX_ROWS = 1000;

/** `?` placeholders (the store's shared SQL) as PostgreSQL's `$1, $2, …` (none sit in quotes). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  let quoted = false;
  let out = '';
  for (const ch of sql) {
    if (ch === "'") quoted = !quoted;
    out += ch === '?' && !quoted ? `$${++n}` : ch;
  }
  return out;
}

export class PostgresDb implements SqlDb {
  readonly dialect = 'postgres';
  private readonly statements = new Map<string, string>();
  /** A connection that broke while idle: the next query reports it instead of the process dying. */
  private broken: Error | undefined;

  private constructor(private readonly client: pg.Client) {
    client.on('error', (error) => {
      this.broken = error;
    });
  }

  static async open(url: string): Promise<PostgresDb> {
    const client = new pg.Client({
      connectionString: url,
      types,
      application_name: 'smartlic',
      connectionTimeoutMillis: 10_000,
      // A server that stops answering must not hang a collector forever.
      query_timeout: 120_000,
    });
    const db = new PostgresDb(client);
    try {
      await client.connect();
      // Quiet the NOTICEs of `CREATE … IF NOT EXISTS` and the like.
      await client.query('SET client_min_messages = warning');
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    return db;
  }

  async all(sql: string, params: SqlValue[] = []): Promise<SqlRow[]> {
    if (this.broken) throw this.broken;
    let text = this.statements.get(sql);
    if (text === undefined) {
      text = numberPlaceholders(sql);
      this.statements.set(sql, text);
    }
    return (await this.client.query(text, params)).rows as SqlRow[];
  }

  async exec(sql: string): Promise<void> {
    if (this.broken) throw this.broken;
    await this.client.query(sql);
  }

  async insertMany(table: string, columns: readonly string[], rows: SqlValue[][]): Promise<void> {
    const per = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns.length)));
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      const params: SqlValue[] = [];
      const tuples: string[] = [];
      for (const row of chunk) {
        const start = params.length;
        params.push(...row);
        tuples.push(`(${row.map((_, j) => `$${start + j + 1}`).join(',')})`);
      }
      if (this.broken) throw this.broken;
      await this.client.query(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(',')}`,
        params,
      );
    }
  }

  async transaction<T>(fn: () => Promise<T>, opts: { lock?: number } = {}): Promise<T> {
    await this.exec('BEGIN');
    try {
      if (opts.lock !== undefined) await this.client.query('SELECT pg_advisory_xact_lock($1)', [opts.lock]);
      const out = await fn();
      await this.exec('COMMIT');
      return out;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  async beginSnapshot(): Promise<void> {
    await this.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
