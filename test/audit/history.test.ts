// The history store's parts that do not depend on the back end, and SQLite's own: where the store
// is (--db, SMARTLIC_DB, the default path), the collector's name, a store of an earlier smartlic
// (schema 1) upgraded in place, a store from a newer one refused, WAL and synchronous commits, the
// bounded line reader of --import, and how lanes keep two devices of one name apart.
// What both back ends must do alike is in history-backends.test.ts.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { numberedLines } from '../../src/audit/history/lines.ts';
import { movements } from '../../src/audit/history/movement.ts';
import type { HistoryEntry } from '../../src/audit/history/records.ts';
import {
  collectorName,
  defaultHistoryPath,
  historyTarget,
  redactUrl,
} from '../../src/audit/history/target.ts';
import { runAudit } from '../../src/audit/run.ts';
import { runCli } from '../helpers/cli.ts';
import { fileCollection, seedConditions } from './inputs.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const smartlic = (...argv: string[]) => runCli(argv, { cwd: dir, env: { XDG_DATA_HOME: join(dir, 'xdg') } });

describe('where the history is and who writes it', () => {
  it('default path follows XDG_DATA_HOME, else ~/.local/share', () => {
    expect(defaultHistoryPath({ XDG_DATA_HOME: '/x/data' })).toBe('/x/data/smartlic/history.db');
    expect(defaultHistoryPath({ HOME: '/home/u' })).toBe('/home/u/.local/share/smartlic/history.db');
  });

  it('--db wins over SMARTLIC_DB, which wins over the default; URLs are PostgreSQL', () => {
    const env = { HOME: '/home/u', SMARTLIC_DB: 'postgres://u:pw@db.example:5432/h' };
    expect(historyTarget(undefined, { HOME: '/home/u' }, '/w')).toMatchObject({
      kind: 'sqlite',
      path: '/home/u/.local/share/smartlic/history.db',
    });
    expect(historyTarget(undefined, env, '/w')).toEqual({
      kind: 'postgres',
      url: 'postgres://u:pw@db.example:5432/h',
      display: 'postgres://u@db.example:5432/h',
    });
    expect(historyTarget('h.db', env, '/w')).toMatchObject({ kind: 'sqlite', path: '/w/h.db' });
    expect(historyTarget('postgresql://db.example/h', {}, '/w').kind).toBe('postgres');
    expect(() => historyTarget('mysql://db/h', {}, '/w')).toThrow(/not a history back end/);
  });

  it('a URL is printed without its password, in the path or the query', () => {
    expect(redactUrl('postgres://u:s3cret@h:1/db?sslmode=require&password=q')).toBe('postgres://u@h:1/db');
    expect(redactUrl('postgres://%zz:@@@')).not.toContain('@@@');
  });

  it('the collector is the host name unless named; a bad name is a usage error', async () => {
    expect(collectorName(undefined)).toBe(hostname());
    expect(collectorName(' site-a ')).toBe('site-a');
    expect(() => collectorName('')).toThrow(/--collector/);
    expect(() => collectorName('a\u001b[2Jb')).toThrow(/--collector/);
    const r = await smartlic('audit', '--from', 'nothing', '--collector', 'x'.repeat(200));
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/--collector: expected a name/);
  });
});

describe('SQLite store', () => {
  it('smartlic history without a store says so in one line and exits 4', async () => {
    const none = await smartlic('history', '--db', join(dir, 'none.db'));
    expect(none.code).toBe(4);
    expect(none.err).toMatch(/^smartlic: .*none\.db.*run `smartlic audit` first.*\n$/);
  });

  it('is WAL at schema version 3 (fixes beside audits), with the views the documented queries use', async () => {
    const db = join(dir, 'fresh.db');
    writeFileSync(join(dir, 'asa.txt'), `${seedConditions().comm}\n`);
    const r = await smartlic('audit', '--from', 'asa.txt', '--db', db, '--now', '2026-02-01T00:00:00Z');
    expect(r.code).toBe(1);
    const raw = new Database(db, { readonly: true });
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(3);
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      const views = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name").all();
      expect(views).toEqual([{ name: 'device_latest' }, { name: 'device_rows' }, { name: 'state_changes' }]);
    } finally {
      raw.close();
    }
  });

  it('a store of an earlier smartlic (schema 1) is upgraded in place, its audits kept and continued', async () => {
    const db = join(dir, 'v1.db');
    // Schema 1 as the earlier release created it, and a row as it recorded one.
    const raw = new Database(db);
    raw.pragma('journal_mode = WAL');
    raw.exec(`CREATE TABLE audits (id INTEGER PRIMARY KEY, generated_at TEXT NOT NULL, now TEXT NOT NULL,
        devices INTEGER NOT NULL, worst TEXT NOT NULL);
      CREATE TABLE device_audits (audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
        device TEXT NOT NULL, now TEXT NOT NULL, ok INTEGER NOT NULL, worst TEXT NOT NULL, registration TEXT,
        authorization TEXT, communication_deadline TEXT, registration_expires TEXT, days_to_deadline INTEGER,
        days_to_registration_expiry INTEGER, codes TEXT NOT NULL CHECK (json_valid(codes)),
        facts TEXT NOT NULL CHECK (json_valid(facts)), PRIMARY KEY (audit_id, device));
      CREATE INDEX device_audits_by_device ON device_audits (device, now);`);
    const old = await runAudit({
      collections: [
        fileCollection('asa', { 'show license all': seedConditions().comm }, '2026-01-12T14:00:00Z'),
      ],
      now: Date.parse('2026-02-01T00:00:00Z'),
    });
    const d = old.devices[0];
    if (!d) throw new Error('no device');
    raw
      .prepare('INSERT INTO audits (generated_at, now, devices, worst) VALUES (?, ?, ?, ?)')
      .run(old.generatedAt, old.now, 1, old.summary.worst);
    raw
      .prepare(`INSERT INTO device_audits VALUES (1, 'asa', ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        old.now,
        d.worst,
        d.facts.registration,
        d.facts.authorization,
        d.facts.communicationDeadline,
        d.facts.registrationExpires,
        d.facts.daysToDeadline,
        d.facts.daysToRegistrationExpiry,
        JSON.stringify(d.findings.map((f) => f.code)),
        JSON.stringify(d.facts),
      );
    raw.pragma('user_version = 1');
    raw.close();

    writeFileSync(join(dir, 'asa.txt'), `${seedConditions().comm}\n`);
    const r = await smartlic('audit', '--from', 'asa.txt', '--db', db, '--now', '2026-05-01T00:00:00Z');
    expect(r.err).toBe('');
    const h = await smartlic('history', 'asa', '--db', db, '--json');
    expect(h.code).toBe(0);
    const list = JSON.parse(h.out).devices.asa;
    expect(list).toHaveLength(2);
    // The old audit was recorded on this machine: it takes its name, and the new one continues it.
    expect(list.map((m: { collector: string }) => m.collector)).toEqual([hostname(), hostname()]);
    expect(list[0].daysToDeadline).toBe(d.facts.daysToDeadline);
    expect(list[1].changes).toContain('worst warning -> critical');
    const after = new Database(db, { readonly: true });
    try {
      expect(after.pragma('user_version', { simple: true })).toBe(3);
      const uids = after.prepare('SELECT uid FROM audits').all() as { uid: string }[];
      expect(new Set(uids.map((u) => u.uid)).size).toBe(2);
    } finally {
      after.close();
    }
  });

  it('a store from a newer smartlic is refused in one line, not misread', async () => {
    const db = join(dir, 'future.db');
    const raw = new Database(db);
    raw.pragma('user_version = 99');
    raw.close();
    const r = await smartlic('history', '--db', db);
    expect(r.code).toBe(4);
    expect(r.err).toMatch(
      /^smartlic: .*future\.db: cannot open history store .*schema version 99 is newer.*\n$/,
    );
  });
});

describe('--import reads lines with bounded memory', () => {
  it('numbers lines, strips CR, and hands a line past the limit over as null', async () => {
    const input = Readable.from([`a\r\n${'x'.repeat(50)}`, `${'y'.repeat(50)}\nb\n`, 'c']);
    const got = [];
    for await (const l of numberedLines(input, 64)) got.push(l);
    expect(got).toEqual([
      { n: 1, text: 'a' },
      { n: 2, text: null },
      { n: 3, text: 'b' },
      { n: 4, text: 'c' },
    ]);
  });
});

describe('movement', () => {
  const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
    device: 'fw1',
    now: '2026-01-01T00:00:00.000Z',
    auditId: 1,
    collector: 'site-a',
    occurrence: 1,
    ok: true,
    worst: 'ok',
    transport: 'smart',
    registration: 'REGISTERED',
    authorization: 'AUTHORIZED',
    communicationDeadline: null,
    registrationExpires: null,
    daysToDeadline: null,
    daysToRegistrationExpiry: null,
    codes: [],
    facts: {} as HistoryEntry['facts'],
    ...over,
  });

  it('two sites’ fw1 (two collectors, or twice in one audit) are compared each with its own past', () => {
    const m = movements([
      entry({ auditId: 1, collector: 'site-a' }),
      entry({ auditId: 2, collector: 'site-b', authorization: 'AUTH EXPIRED', worst: 'critical' }),
      entry({ auditId: 3, collector: 'site-a', now: '2026-02-01T00:00:00.000Z', transport: 'callhome' }),
      entry({ auditId: 3, collector: 'site-a', occurrence: 2, now: '2026-02-01T00:00:00.000Z' }),
      entry({ auditId: 4, collector: 'site-b', now: '2026-02-01T00:00:00.000Z', worst: 'critical' }),
    ]).get('fw1');
    expect(m?.map((x) => x.changes)).toEqual([
      [],
      [],
      ['transport smart -> callhome'],
      [],
      ['authorization AUTH EXPIRED -> AUTHORIZED'],
    ]);
  });
});
