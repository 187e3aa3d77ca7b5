// The audit history: one row per device per audit, on SQLite (the embedded default) or on
// PostgreSQL (collectors on several machines, one history). The queries are written once against
// sql.ts; the schema is one list of migrations (migrations.ts). Each audit is one transaction, so a
// crash leaves the whole audit or none of it, and a row the database refuses costs that row only,
// never the audit. No secrets: what is stored is the report's facts and findings, which never
// carry credentials, and the collector's name; the database URL is never written anywhere.
//
// A record kind is a migration (its table), a method here (record it) and a `kind` in the export
// (records.ts): fixes (`smartlic fix`) are the second, beside audits.

import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { InputError, SmartlicError } from '../../errors.ts';
import type { FixReport } from '../../fix/contract.ts';
import type { AuditReport } from '../report/contract.ts';
import type { NumberedLine } from './lines.ts';
import { migrate, schemaVersion } from './migrations.ts';
import {
  AUDIT_COLUMNS,
  AuditLineSchema,
  type AuditRecord,
  auditFromRow,
  auditLine,
  auditValues,
  DEVICE_COLUMNS,
  DeviceLineSchema,
  type DeviceRecord,
  deviceFromRow,
  deviceLine,
  deviceRecords,
  deviceValues,
  EXPORT_HEADER,
  entryFromRow,
  FIX_COLUMNS,
  FixLineSchema,
  type FixRecord,
  firstIssue,
  fixFromRow,
  fixLine,
  fixRecords,
  fixValues,
  HeaderLineSchema,
  type HistoryEntry,
} from './records.ts';
import { inSavepoint, type SqlDb, type SqlValue } from './sql.ts';
import { SqliteDb } from './sqlite.ts';
import type { HistoryTarget } from './target.ts';

export type { HistoryEntry } from './records.ts';
export { defaultHistoryPath } from './target.ts';

/** What recording one audit did. */
export interface RecordOutcome {
  /** The audit's id in this store; null when an import found it already there. */
  auditId: number | null;
  /** Rows the database refused (each names its device); every other row of the audit is stored. */
  refused: { device: string; reason: string }[];
  /** Names carried by more than one device of the audit: every one of them is stored. */
  duplicateNames: string[];
}

/** What an import did; `problems` are one line each (`FILE:LINE: what was expected`). */
export interface ImportOutcome {
  audits: number;
  devices: number;
  /** Fix records added (ones already there are skipped, not counted). */
  fixes: number;
  /** Audits already in this store (same uid), left as they are. */
  alreadyPresent: number;
  problems: string[];
}

const INSERT_FIX = `INSERT INTO fixes (${FIX_COLUMNS.join(', ')})
  VALUES (${FIX_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (uid) DO NOTHING RETURNING id`;
const INSERT_AUDIT = `INSERT INTO audits (${AUDIT_COLUMNS.join(', ')})
  VALUES (${AUDIT_COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (uid) DO NOTHING RETURNING id`;
// Export pages: bounded memory however long the history.
const PAGE = 200;
// Import batches: device lines are written as they are read, a transaction per audit.
const BATCH = 500;

export class HistoryStore {
  private constructor(
    private readonly db: SqlDb,
    /** Where the store is, safe to print (a PostgreSQL URL without its password). */
    readonly where: string,
  ) {}

  /**
   * Open the store at `target`, bringing its schema up to date. With `create: false` (reading) a
   * store that does not exist yet, or holds no history, is a HISTORY_MISSING error. `collector`
   * names who recorded the audits of a store older than collector names (default: host name).
   */
  static async open(
    target: HistoryTarget,
    opts: { create: boolean; collector?: string },
  ): Promise<HistoryStore> {
    const missing = () =>
      new InputError(
        'HISTORY_MISSING',
        `no history store at ${target.display}: run \`smartlic audit\` first (or give --db FILE|URL)`,
        target.kind === 'sqlite' ? { file: target.path } : {},
      );
    if (target.kind === 'sqlite' && !opts.create && target.path !== ':memory:' && !existsSync(target.path)) {
      throw missing();
    }
    let db: SqlDb | undefined;
    try {
      if (target.kind === 'sqlite') db = SqliteDb.open(target.path, opts.create);
      else {
        const { PostgresDb } = await import('./postgres.ts');
        db = await PostgresDb.open(target.url);
      }
      if (!opts.create && (await schemaVersion(db)) === 0) throw missing();
      await migrate(db, { collector: opts.collector ?? hostname() });
      return new HistoryStore(db, target.display);
    } catch (error) {
      await db?.close();
      if (error instanceof SmartlicError) throw error;
      throw new InputError(
        'HISTORY_OPEN_FAILED',
        `cannot open history store ${target.display}: ${reasonOf(error, target)}`,
        target.kind === 'sqlite' ? { file: target.path } : {},
        error,
      );
    }
  }

  /**
   * Record a whole audit in one transaction. A device row the database refuses (a constraint a
   * DBA added, say) is reported by name and the rest of the audit is still stored.
   */
  async recordAudit(report: AuditReport, ctx: { collector: string }): Promise<RecordOutcome> {
    const devices = deviceRecords(report);
    const audit = {
      uid: randomUUID(),
      generatedAt: report.generatedAt,
      now: report.now,
      collector: ctx.collector,
      devices: devices.length,
      worst: report.summary.worst,
    };
    const attempt = (careful: boolean) =>
      this.db.transaction(async () => {
        const auditId = await this.insertAudit(audit);
        if (auditId === null) return { auditId, refused: [] };
        const refused = await this.insertDevices(
          devices.map((d) => ({ ...d, auditId })),
          careful,
        );
        return { auditId, refused };
      });
    // All rows in one go; when the database refuses one, the transaction is rolled back and done
    // again row by row, keeping every row it accepts (the fast path pays for no savepoints).
    const outcome = await attempt(false).catch(() => attempt(true));
    return { ...outcome, duplicateNames: duplicates(devices.map((d) => d.device)) };
  }

  /** Every recorded device row (or one device's), by device, then oldest audit first. */
  async entries(device?: string): Promise<HistoryEntry[]> {
    const rows = await this.db.all(
      `SELECT * FROM device_rows ${device === undefined ? '' : 'WHERE device = ?'}`,
      device === undefined ? [] : [device],
    );
    // Sorted here, not in SQL: PostgreSQL orders text by the database's locale, SQLite by bytes,
    // and both back ends must give the same history.
    return rows
      .map(entryFromRow)
      .sort(
        (a, b) =>
          cmp(a.device, b.device) ||
          cmp(a.now, b.now) ||
          a.auditId - b.auditId ||
          a.occurrence - b.occurrence,
      );
  }

  /**
   * Record one `smartlic fix` run: a row per device, in one transaction. A row the database
   * refuses is reported by name and the others are still stored.
   */
  async recordFix(
    report: FixReport,
    ctx: { collector: string },
  ): Promise<{ refused: RecordOutcome['refused'] }> {
    const fixes = fixRecords(report, { collector: ctx.collector, runUid: randomUUID(), uid: randomUUID });
    const values = fixes.map(fixValues);
    const names = fixes.map((f) => f.device);
    const attempt = (careful: boolean) =>
      this.db.transaction(() => this.insertRows('fixes', FIX_COLUMNS, values, names, careful));
    return { refused: await attempt(false).catch(() => attempt(true)) };
  }

  /** Every recorded fix (or one device's), by device, then oldest first. */
  async fixes(device?: string): Promise<FixRecord[]> {
    const rows = await this.db.all(
      `SELECT * FROM fixes ${device === undefined ? '' : 'WHERE device = ?'}`,
      device === undefined ? [] : [device],
    );
    return rows.map(fixFromRow).sort((a, b) => cmp(a.device, b.device) || cmp(a.at, b.at) || a.id - b.id);
  }

  /** How many audits are recorded. */
  async auditCount(): Promise<number> {
    const [row] = await this.db.all('SELECT count(*) AS n FROM audits');
    return Number(row?.n ?? 0);
  }

  /**
   * The whole history as JSON lines (records.ts): a header, then each audit and its devices,
   * oldest first, read in pages from one consistent snapshot.
   */
  async *exportLines(): AsyncGenerator<string> {
    yield JSON.stringify(EXPORT_HEADER);
    // One snapshot: an audit committed while the export runs is in it whole or not at all.
    await this.db.beginSnapshot();
    try {
      let after = 0;
      for (;;) {
        const audits = (
          await this.db.all('SELECT * FROM audits WHERE id > ? ORDER BY id LIMIT ?', [after, PAGE])
        ).map(auditFromRow);
        const last = audits.at(-1);
        if (!last) break;
        const byAudit = new Map<number, DeviceRecord[]>();
        const rows = await this.db.all(
          'SELECT * FROM device_audits WHERE audit_id > ? AND audit_id <= ? ORDER BY audit_id, seq',
          [after, last.id],
        );
        for (const d of rows.map(deviceFromRow)) {
          const list = byAudit.get(d.auditId);
          if (list) list.push(d);
          else byAudit.set(d.auditId, [d]);
        }
        for (const a of audits) {
          yield auditLine(a);
          for (const d of byAudit.get(a.id) ?? []) yield deviceLine(d);
        }
        after = last.id;
      }
      for (after = 0; ; ) {
        const fixes = (
          await this.db.all('SELECT * FROM fixes WHERE id > ? ORDER BY id LIMIT ?', [after, PAGE])
        ).map(fixFromRow);
        for (const f of fixes) yield fixLine(f);
        const last = fixes.at(-1);
        if (!last) break;
        after = last.id;
      }
    } finally {
      await this.db.exec('COMMIT');
    }
  }

  /**
   * Read an export (`file` names it in problems). Each audit is one transaction with its device
   * lines, written in batches as they are read. An audit already here (same uid) is skipped; an
   * audit with a bad line is rolled back and named, and the import goes on with the next one.
   */
  async importLines(lines: AsyncIterable<NumberedLine>, file: string): Promise<ImportOutcome> {
    const out: ImportOutcome = { audits: 0, devices: 0, fixes: 0, alreadyPresent: 0, problems: [] };
    const problem = (n: number, what: string) => out.problems.push(`${file}:${n}: ${what}`);
    const it = lines[Symbol.asyncIterator]();
    // The next non-blank line, parsed; BAD when it is no JSON (said once, here).
    const next = async (): Promise<{ n: number; value: unknown } | null> => {
      for (;;) {
        const r = await it.next();
        if (r.done) return null;
        const { n, text } = r.value;
        if (text === null) {
          problem(n, 'line too long for a history record');
          return { n, value: BAD };
        }
        if (!text.trim()) continue;
        try {
          return { n, value: JSON.parse(text) };
        } catch {
          problem(n, 'not JSON: expected one history record per line');
          return { n, value: BAD };
        }
      }
    };

    let line = await next();
    if (!line || !HeaderLineSchema.safeParse(line.value).success) {
      problem(
        line?.n ?? 1,
        `expected the header ${JSON.stringify(EXPORT_HEADER)} (smartlic history --export)`,
      );
      return out;
    }
    line = await next();
    while (line) {
      const kind = kindOf(line.value);
      if (kind === 'fix') {
        const fix = FixLineSchema.safeParse(line.value);
        if (!fix.success) problem(line.n, `fix: ${firstIssue(fix.error)}`);
        else if (await this.insertFix(fix.data)) out.fixes++;
        line = await next();
        continue;
      }
      const head = AuditLineSchema.safeParse(line.value);
      if (!head.success) {
        if (kind === 'audit') problem(line.n, `audit: ${firstIssue(head.error)}; its device lines skipped`);
        else if (line.value !== BAD) problem(line.n, `expected an audit line, not ${describeKind(kind)}`);
        // The device lines that follow belong to the bad audit: skipped with it, said once.
        do line = await next();
        while (line && kind === 'audit' && kindOf(line.value) === 'device');
        continue;
      }
      const auditAt = line.n;
      const a = head.data;
      let bad = false;
      let stored = 0;
      let present = false;
      try {
        await this.db.transaction(async () => {
          const auditId = await this.insertAudit(a);
          present = auditId === null;
          let batch: DeviceRecord[] = [];
          const flush = async () => {
            if (auditId !== null && batch.length) {
              const refused = await this.insertDevices(batch, true);
              for (const r of refused) problem(auditAt, `audit ${a.uid}: device ${r.device}: ${r.reason}`);
              stored += batch.length - refused.length;
            }
            batch = [];
          };
          for (line = await next(); line; line = await next()) {
            const k = kindOf(line.value);
            if (k === 'audit' || k === 'fix') break;
            if (line.value === BAD || k !== 'device') {
              if (line.value !== BAD)
                problem(line.n, `expected a device or audit line, not ${describeKind(k)}`);
              bad = true;
              continue;
            }
            const d = DeviceLineSchema.safeParse(line.value);
            if (!d.success || d.data.audit !== a.id) {
              problem(
                line.n,
                d.success
                  ? `device line of audit ${d.data.audit} inside audit ${a.id}`
                  : `device: ${firstIssue(d.error)}`,
              );
              bad = true;
              continue;
            }
            if (bad || auditId === null) continue;
            // Facts and source are stored as written (validated above; keys a newer smartlic
            // added are kept).
            const { kind: _k, audit: _a, ...rest } = line.value as DeviceLine;
            batch.push({ ...rest, auditId });
            if (batch.length >= BATCH) await flush();
          }
          if (bad) throw new RolledBack();
          await flush();
        });
      } catch (error) {
        if (!(error instanceof RolledBack)) throw error;
      }
      if (bad) problem(auditAt, `audit ${a.uid} not imported (a line of it is bad)`);
      else if (present) out.alreadyPresent++;
      else {
        out.audits++;
        out.devices += stored;
      }
    }
    return out;
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /** The new audit's id, or null when one with its uid is already recorded. */
  private async insertAudit(a: Omit<AuditRecord, 'id'>): Promise<number | null> {
    const [row] = await this.db.all(INSERT_AUDIT, auditValues(a));
    return row ? Number(row.id) : null;
  }

  /** Insert device rows (see insertRows). */
  private insertDevices(devices: DeviceRecord[], careful: boolean): Promise<RecordOutcome['refused']> {
    const names = devices.map((d) => d.device);
    return this.insertRows('device_audits', DEVICE_COLUMNS, devices.map(deviceValues), names, careful);
  }

  /** One imported fix; false when one with its uid is already recorded. */
  private async insertFix(line: Omit<FixRecord, 'id'> & { kind: 'fix' }): Promise<boolean> {
    const { kind: _k, ...fix } = line;
    return (await this.db.all(INSERT_FIX, fixValues(fix))).length > 0;
  }

  /**
   * Insert rows of one device each (`names`, for messages). Careless, a refused row fails the
   * statement (and on PostgreSQL the whole transaction). Careful, the rows the database refuses
   * are returned by name and the others kept.
   */
  private async insertRows(
    table: string,
    columns: readonly string[],
    values: SqlValue[][],
    names: string[],
    careful: boolean,
  ): Promise<RecordOutcome['refused']> {
    const insert = (rows: typeof values) => this.db.insertMany(table, columns, rows);
    if (!careful) {
      await insert(values);
      return [];
    }
    try {
      await inSavepoint(this.db, 'rows', () => insert(values));
      return [];
    } catch {
      // Find which rows, one savepoint each: this slow path runs only when something was refused.
      const refused: RecordOutcome['refused'] = [];
      for (const [i, row] of values.entries()) {
        try {
          await inSavepoint(this.db, 'row', () => insert([row]));
        } catch (error) {
          refused.push({ device: names[i] as string, reason: reasonOf(error) });
        }
      }
      return refused;
    }
  }
}

type DeviceLine = Omit<DeviceRecord, 'auditId'> & { kind: 'device'; audit: number };

/** An import line that is no JSON (already reported). */
const BAD = Symbol('bad line');

/** Thrown inside an import transaction to roll back an audit with a bad line. */
class RolledBack extends Error {}

const kindOf = (v: unknown): unknown =>
  v !== null && typeof v === 'object' && 'kind' in v ? (v as { kind: unknown }).kind : undefined;

const describeKind = (kind: unknown) =>
  kind === undefined ? 'a line without a kind' : `kind ${JSON.stringify(kind)}`;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function duplicates(names: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const n of names) (seen.has(n) ? twice : seen).add(n);
  return [...twice];
}

/** A driver error as one line, with any password the URL carried blotted out. */
function reasonOf(error: unknown, target?: HistoryTarget): string {
  let reason = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  if (target?.kind === 'postgres') {
    for (const secret of urlSecrets(target.url)) reason = reason.replaceAll(secret, '…');
  }
  return reason;
}

function urlSecrets(url: string): string[] {
  const out = [url];
  try {
    const u = new URL(url);
    if (u.password) out.push(u.password, decodeURIComponent(u.password));
    const q = u.searchParams.get('password');
    if (q) out.push(q);
  } catch {
    // Unparseable: only the whole URL is blotted out.
  }
  return out.filter((s) => s.length > 0);
}
