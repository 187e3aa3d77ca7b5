// The License Authority's state in SQLite: accounts, virtual accounts, ID tokens, entitlement
// pools, registrations (ID certificates) and the entitlements each registration holds. Every
// change runs in one transaction (WAL journal), so a kill -9 at any point leaves either the whole
// change or none of it: pool counts always equal the sum of what registrations hold.
// Time is passed in by the caller (the lab's virtual clock): this module never reads the wall clock.

import { createHash, timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Instant } from '../core/agent/protocol.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS virtual_accounts (
  id INTEGER PRIMARY KEY,
  smart_account TEXT NOT NULL,
  name TEXT NOT NULL,
  export_allowed INTEGER NOT NULL DEFAULT 1,
  UNIQUE (smart_account, name)
);
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,
  va_id INTEGER NOT NULL REFERENCES virtual_accounts(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  uses_total INTEGER NOT NULL,
  uses_left INTEGER NOT NULL CHECK (uses_left >= 0),
  description TEXT
);
CREATE TABLE IF NOT EXISTS pools (
  va_id INTEGER NOT NULL REFERENCES virtual_accounts(id),
  tag TEXT NOT NULL,
  name TEXT NOT NULL,
  total INTEGER NOT NULL CHECK (total >= 0),
  in_use INTEGER NOT NULL DEFAULT 0 CHECK (in_use >= 0),
  export_restricted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (va_id, tag)
);
CREATE TABLE IF NOT EXISTS registrations (
  cert_id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL,
  va_id INTEGER NOT NULL REFERENCES virtual_accounts(id),
  udi_pid TEXT NOT NULL,
  udi_sn TEXT NOT NULL,
  hostname TEXT,
  registered_at INTEGER NOT NULL,
  issued_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  last_auth_at INTEGER,
  revoked_at INTEGER
);
CREATE UNIQUE INDEX IF NOT EXISTS one_active_registration_per_udi
  ON registrations (udi_pid, udi_sn) WHERE revoked_at IS NULL;
CREATE TABLE IF NOT EXISTS holdings (
  cert_id TEXT NOT NULL REFERENCES registrations(cert_id),
  tag TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (cert_id, tag)
);
`;

export interface VirtualAccountRow {
  id: number;
  smart_account: string;
  name: string;
  export_allowed: number;
}
export interface PoolRow {
  va_id: number;
  tag: string;
  name: string;
  total: number;
  in_use: number;
  export_restricted: number;
}
export interface RegistrationRow {
  cert_id: string;
  secret_hash: string;
  va_id: number;
  udi_pid: string;
  udi_sn: string;
  hostname: string | null;
  registered_at: number;
  issued_at: number;
  expires_at: number;
  last_auth_at: number | null;
  revoked_at: number | null;
}
export interface TokenRow {
  token_hash: string;
  va_id: number;
  created_at: number;
  expires_at: number;
  uses_total: number;
  uses_left: number;
  description: string | null;
}

/** Secrets (ID tokens, certificate secrets) are stored only as SHA-256 hashes. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Open (or create) the authority database. `:memory:` works for tests that need no persistence. */
export function openAuthorityDb(
  path: string,
  opts: { synchronous?: 'NORMAL' | 'FULL' } = {},
): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // WAL + NORMAL: a committed transaction survives a process kill (kill -9: the WAL is in the OS
  // page cache); only a power loss may drop the last few commits, never corrupt. FULL would fsync
  // every request and make the lab's long clock advances disk-bound.
  db.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}

/** Low-level queries on the authority database; the rules live in src/authority/service.ts. */
export class AuthorityStore {
  readonly db: Database.Database;
  private readonly stmts;

  constructor(db: Database.Database) {
    this.db = db;
    this.stmts = {
      vaByName: db.prepare<[string, string], VirtualAccountRow>(
        'SELECT * FROM virtual_accounts WHERE smart_account = ? AND name = ?',
      ),
      vaById: db.prepare<[number], VirtualAccountRow>('SELECT * FROM virtual_accounts WHERE id = ?'),
      insertVa: db.prepare(
        'INSERT INTO virtual_accounts (smart_account, name, export_allowed) VALUES (?, ?, ?) ' +
          'ON CONFLICT (smart_account, name) DO UPDATE SET export_allowed = excluded.export_allowed',
      ),
      upsertPool: db.prepare(
        'INSERT INTO pools (va_id, tag, name, total, export_restricted) VALUES (?, ?, ?, ?, ?) ' +
          'ON CONFLICT (va_id, tag) DO UPDATE SET name = excluded.name, total = excluded.total, ' +
          'export_restricted = excluded.export_restricted',
      ),
      pool: db.prepare<[number, string], PoolRow>('SELECT * FROM pools WHERE va_id = ? AND tag = ?'),
      pools: db.prepare<[], PoolRow>('SELECT * FROM pools ORDER BY va_id, tag'),
      addInUse: db.prepare('UPDATE pools SET in_use = in_use + ? WHERE va_id = ? AND tag = ?'),
      insertToken: db.prepare(
        'INSERT INTO tokens (token_hash, va_id, created_at, expires_at, uses_total, uses_left, description) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      token: db.prepare<[string], TokenRow>('SELECT * FROM tokens WHERE token_hash = ?'),
      useToken: db.prepare(
        'UPDATE tokens SET uses_left = uses_left - 1 WHERE token_hash = ? AND uses_left > 0',
      ),
      activeByUdi: db.prepare<[string, string], RegistrationRow>(
        'SELECT * FROM registrations WHERE udi_pid = ? AND udi_sn = ? AND revoked_at IS NULL',
      ),
      registration: db.prepare<[string], RegistrationRow>('SELECT * FROM registrations WHERE cert_id = ?'),
      insertRegistration: db.prepare(
        'INSERT INTO registrations (cert_id, secret_hash, va_id, udi_pid, udi_sn, hostname, registered_at, ' +
          'issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      revoke: db.prepare('UPDATE registrations SET revoked_at = ? WHERE cert_id = ?'),
      renewCert: db.prepare('UPDATE registrations SET issued_at = ?, expires_at = ? WHERE cert_id = ?'),
      touchAuth: db.prepare('UPDATE registrations SET last_auth_at = ? WHERE cert_id = ?'),
      holdings: db.prepare<[string], { tag: string; count: number }>(
        'SELECT tag, count FROM holdings WHERE cert_id = ?',
      ),
      dropHoldings: db.prepare('DELETE FROM holdings WHERE cert_id = ?'),
      insertHolding: db.prepare('INSERT INTO holdings (cert_id, tag, count) VALUES (?, ?, ?)'),
      counts: db.prepare<[], { registrations: number; active: number; tokens: number }>(
        'SELECT (SELECT count(*) FROM registrations) AS registrations, ' +
          '(SELECT count(*) FROM registrations WHERE revoked_at IS NULL) AS active, ' +
          '(SELECT count(*) FROM tokens) AS tokens',
      ),
    };
  }

  /** Create (or update) a smart account / virtual account pair and return its row. */
  ensureVirtualAccount(smartAccount: string, name: string, exportAllowed = true): VirtualAccountRow {
    this.stmts.insertVa.run(smartAccount, name, exportAllowed ? 1 : 0);
    return this.stmts.vaByName.get(smartAccount, name) as VirtualAccountRow;
  }

  virtualAccount(id: number): VirtualAccountRow | undefined {
    return this.stmts.vaById.get(id);
  }

  findVirtualAccount(smartAccount: string, name: string): VirtualAccountRow | undefined {
    return this.stmts.vaByName.get(smartAccount, name);
  }

  setPool(vaId: number, tag: string, name: string, total: number, exportRestricted = false): void {
    this.stmts.upsertPool.run(vaId, tag, name, total, exportRestricted ? 1 : 0);
  }

  pool(vaId: number, tag: string): PoolRow | undefined {
    return this.stmts.pool.get(vaId, tag);
  }

  pools(): PoolRow[] {
    return this.stmts.pools.all();
  }

  addInUse(vaId: number, tag: string, delta: number): void {
    this.stmts.addInUse.run(delta, vaId, tag);
  }

  insertToken(
    token: string,
    vaId: number,
    now: Instant,
    expiresAt: Instant,
    uses: number,
    description?: string,
  ): void {
    this.stmts.insertToken.run(hashSecret(token), vaId, now, expiresAt, uses, uses, description ?? null);
  }

  token(token: string): TokenRow | undefined {
    return this.stmts.token.get(hashSecret(token));
  }

  /** Spend one use of a token; false when none was left (a replay). */
  useToken(token: string): boolean {
    return this.stmts.useToken.run(hashSecret(token)).changes === 1;
  }

  activeRegistrationFor(pid: string, sn: string): RegistrationRow | undefined {
    return this.stmts.activeByUdi.get(pid, sn);
  }

  registration(certId: string): RegistrationRow | undefined {
    return this.stmts.registration.get(certId);
  }

  insertRegistration(row: Omit<RegistrationRow, 'last_auth_at' | 'revoked_at'>): void {
    const s = this.stmts.insertRegistration;
    s.run(
      row.cert_id,
      row.secret_hash,
      row.va_id,
      row.udi_pid,
      row.udi_sn,
      row.hostname,
      row.registered_at,
      row.issued_at,
      row.expires_at,
    );
  }

  revoke(certId: string, now: Instant): void {
    this.stmts.revoke.run(now, certId);
  }

  renewCertificate(certId: string, issuedAt: Instant, expiresAt: Instant): void {
    this.stmts.renewCert.run(issuedAt, expiresAt, certId);
  }

  touchAuthorization(certId: string, now: Instant): void {
    this.stmts.touchAuth.run(now, certId);
  }

  holdings(certId: string): { tag: string; count: number }[] {
    return this.stmts.holdings.all(certId);
  }

  dropHoldings(certId: string): void {
    this.stmts.dropHoldings.run(certId);
  }

  addHolding(certId: string, tag: string, count: number): void {
    this.stmts.insertHolding.run(certId, tag, count);
  }

  counts(): { registrations: number; active: number; tokens: number } {
    return this.stmts.counts.get() as { registrations: number; active: number; tokens: number };
  }

  /** Run `fn` in one IMMEDIATE transaction (all or nothing, even across a kill -9). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    this.db.close();
  }
}
