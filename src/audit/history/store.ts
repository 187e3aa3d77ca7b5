// The audit history: SQLite (better-sqlite3, WAL), one row per device per audit with the facts
// as JSON. Migrations are a list applied under PRAGMA user_version. Each audit is recorded in
// one transaction, so a crash leaves either the whole audit or none of it. No secrets: the
// facts and findings of the report never carry credentials.

import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { InputError } from '../../errors.ts';
import type { AuditReport, Facts, Severity } from '../report/contract.ts';

const MIGRATIONS: string[] = [
  `CREATE TABLE audits (
     id INTEGER PRIMARY KEY,
     generated_at TEXT NOT NULL,
     now TEXT NOT NULL,
     devices INTEGER NOT NULL,
     worst TEXT NOT NULL
   );
   CREATE TABLE device_audits (
     audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
     device TEXT NOT NULL,
     now TEXT NOT NULL,
     ok INTEGER NOT NULL,
     worst TEXT NOT NULL,
     registration TEXT,
     authorization TEXT,
     communication_deadline TEXT,
     registration_expires TEXT,
     days_to_deadline INTEGER,
     days_to_registration_expiry INTEGER,
     codes TEXT NOT NULL CHECK (json_valid(codes)),
     facts TEXT NOT NULL CHECK (json_valid(facts)),
     PRIMARY KEY (audit_id, device)
   );
   CREATE INDEX device_audits_by_device ON device_audits (device, now);`,
];

/** One device in one recorded audit (fields in the order `smartlic history --json` prints them). */
export interface HistoryEntry {
  device: string;
  now: string;
  auditId: number;
  ok: boolean;
  worst: Severity;
  registration: string | null;
  authorization: string | null;
  communicationDeadline: string | null;
  registrationExpires: string | null;
  daysToDeadline: number | null;
  daysToRegistrationExpiry: number | null;
  codes: string[];
  facts: Facts;
}

/** `$XDG_DATA_HOME/smartlic/history.db`, else `~/.local/share/smartlic/history.db`. */
export function defaultHistoryPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_DATA_HOME?.trim() || join(env.HOME?.trim() || homedir(), '.local', 'share');
  return join(base, 'smartlic', 'history.db');
}

export class HistoryStore {
  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {}

  /** Open (creating folders and tables as needed) the store at `path`. */
  static open(path: string): HistoryStore {
    let db: Database.Database;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      migrate(db);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InputError(
        'HISTORY_OPEN_FAILED',
        `cannot open history store ${path}: ${reason}`,
        { file: path },
        error,
      );
    }
    return new HistoryStore(db, path);
  }

  /** Record a whole audit in one transaction; returns its id. */
  record(report: AuditReport): number {
    const insertAudit = this.db.prepare(
      'INSERT INTO audits (generated_at, now, devices, worst) VALUES (?, ?, ?, ?)',
    );
    const insertDevice = this.db.prepare(
      `INSERT INTO device_audits (audit_id, device, now, ok, worst, registration, authorization,
         communication_deadline, registration_expires, days_to_deadline, days_to_registration_expiry, codes, facts)
       VALUES (@auditId, @device, @now, @ok, @worst, @registration, @authorization, @communicationDeadline,
         @registrationExpires, @daysToDeadline, @daysToRegistrationExpiry, @codes, @facts)`,
    );
    const tx = this.db.transaction((r: AuditReport) => {
      const auditId = Number(
        insertAudit.run(r.generatedAt, r.now, r.devices.length, r.summary.worst).lastInsertRowid,
      );
      for (const d of r.devices) {
        insertDevice.run({
          auditId,
          device: d.device,
          now: r.now,
          ok: d.ok ? 1 : 0,
          worst: d.worst,
          registration: d.facts.registration,
          authorization: d.facts.authorization,
          communicationDeadline: d.facts.communicationDeadline,
          registrationExpires: d.facts.registrationExpires,
          daysToDeadline: d.facts.daysToDeadline,
          daysToRegistrationExpiry: d.facts.daysToRegistrationExpiry,
          codes: JSON.stringify(d.findings.map((f) => f.code)),
          facts: JSON.stringify(d.facts),
        });
      }
      return auditId;
    });
    return tx(report);
  }

  /** Every recorded row for one device (or all), oldest audit first. */
  entries(device?: string): HistoryEntry[] {
    const sql = `SELECT * FROM device_audits ${device ? 'WHERE device = ?' : ''} ORDER BY device, now, audit_id`;
    const rows = (device ? this.db.prepare(sql).all(device) : this.db.prepare(sql).all()) as Row[];
    return rows.map(fromRow);
  }

  /** How many audits are recorded. */
  auditCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM audits').get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}

interface Row {
  audit_id: number;
  device: string;
  now: string;
  ok: number;
  worst: Severity;
  registration: string | null;
  authorization: string | null;
  communication_deadline: string | null;
  registration_expires: string | null;
  days_to_deadline: number | null;
  days_to_registration_expiry: number | null;
  codes: string;
  facts: string;
}

function fromRow(r: Row): HistoryEntry {
  return {
    device: r.device,
    now: r.now,
    auditId: r.audit_id,
    ok: r.ok === 1,
    worst: r.worst,
    registration: r.registration,
    authorization: r.authorization,
    communicationDeadline: r.communication_deadline,
    registrationExpires: r.registration_expires,
    daysToDeadline: r.days_to_deadline,
    daysToRegistrationExpiry: r.days_to_registration_expiry,
    codes: JSON.parse(r.codes) as string[],
    facts: JSON.parse(r.facts) as Facts,
  };
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(`store schema version ${version} is newer than this smartlic (${MIGRATIONS.length})`);
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
