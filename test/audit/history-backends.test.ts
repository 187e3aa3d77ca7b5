// The history on both back ends, the same suite for each: SQLite files, and databases of a real
// PostgreSQL cluster (Debian's package) started by this file. Two collectors writing at once as
// two processes, then the merged history; two devices of one name in one audit; a row the database
// refuses; hostile device text; the documented queries of docs/history.md; export and import,
// within and across back ends; and no secret in any table after an SSH audit of the lab.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceCollection } from '../../src/audit/collect/types.ts';
import { HistoryOutputSchema } from '../../src/audit/history/contract.ts';
import { HistoryStore } from '../../src/audit/history/store.ts';
import { historyTarget } from '../../src/audit/history/target.ts';
import type { AuditReport } from '../../src/audit/report/contract.ts';
import { runAudit } from '../../src/audit/run.ts';
import { buildFixReport, plansFromAudit } from '../../src/fix/run.ts';
import { BUILTIN_DEVICES, builtinLab } from '../../src/lab/builtin.ts';
import { type Lab, startLab } from '../../src/lab/lab.ts';
import { runCli, runCliProcess } from '../helpers/cli.ts';
import { type PostgresCluster, postgresMissingReason, startPostgres } from '../helpers/postgres.ts';
import { fileCollection, readCorpus, seedConditions, seedSmartStatus } from './inputs.ts';

const pgMissing = postgresMissingReason();
if (pgMissing && process.env.CI === 'true') throw new Error(`CI requires PostgreSQL: ${pgMissing}`);

const dir = mkdtempSync(join(tmpdir(), 'smartlic-history-backends-'));
// The installed entry point (it registers tsx itself), as a collector machine runs it.
const FEB = '2026-02-01T00:00:00Z';
/** The saved fleet's devices, as the audit names them (hostname, else folder), and their sites. */
const SITE_OF: Record<string, string> = {
  'asa-a1': 'a',
  'asa-a2': 'a',
  'asa-b1': 'b',
  'edge-firewall01': 'b',
};
const FLEET = Object.keys(SITE_OF);
const MAY = '2026-05-01T00:00:00Z';
let cluster: PostgresCluster | undefined;

beforeAll(async () => {
  const seed = seedConditions();
  const put = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text.endsWith('\n') ? text : `${text}\n`);
  };
  put('sites/a/asa-a1/show-license-all.txt', seed.comm);
  put('sites/a/asa-a1/show-license-status.txt', seedSmartStatus());
  put('sites/a/asa-a2/show-license-all.txt', seed.authExpired);
  put('sites/b/asa-b1/show-license-all.txt', seed.registrationLost);
  put('sites/b/asa-b2/show-license-all.txt', readCorpus('show-license-all__ntc-templates__4.txt'));
  // Its show version names it: audited as its hostname, edge-firewall01, not as its folder.
  put('sites/b/asa-b2/show-version.txt', readCorpus('show-version__hpreston-devasc-inventory__1.txt'));
  // The issue 10 attack: two saved files of one name from two sites, in one audit.
  put('dup/site1/fw1.txt', seed.comm);
  put('dup/site2/fw1.txt', seed.authExpired);
  if (!pgMissing) cluster = await startPostgres();
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A back end: how to make a new empty store, and how to look inside one directly. */
interface Backend {
  name: 'sqlite' | 'postgres';
  fresh(label: string): Promise<string>;
  query(db: string, sql: string): Promise<Record<string, unknown>[]>;
  /** Every row of every table, as text. */
  dump(db: string): Promise<string>;
}

const sqlite: Backend = {
  name: 'sqlite',
  fresh: async (label) => join(dir, `${label}.db`),
  async query(db, sql) {
    const d = new Database(db);
    try {
      const stmt = d.prepare(sql);
      if (stmt.reader) return stmt.all() as Record<string, unknown>[];
      d.exec(sql);
      return [];
    } finally {
      d.close();
    }
  },
  async dump(db) {
    const tables = (await sqlite.query(db, "SELECT name FROM sqlite_master WHERE type = 'table'")).map((t) =>
      String(t.name),
    );
    expect(tables).toEqual(expect.arrayContaining(['audits', 'device_audits']));
    const rows = await Promise.all(tables.map((t) => sqlite.query(db, `SELECT * FROM "${t}"`)));
    // The file itself too (WAL included): nothing hides in freed pages either.
    const bytes = ['', '-wal'].map((s) => {
      try {
        return readFileSync(`${db}${s}`, 'latin1');
      } catch {
        return '';
      }
    });
    return JSON.stringify(rows) + bytes.join('');
  },
};

const postgres: Backend = {
  name: 'postgres',
  fresh: async (label) => (cluster as PostgresCluster).createDatabase(label),
  async query(db, sql) {
    const c = new pg.Client({ connectionString: db });
    await c.connect();
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  },
  async dump(db) {
    const tables = (
      await postgres.query(
        db,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
      )
    ).map((t) => String(t.table_name));
    expect(tables).toEqual(expect.arrayContaining(['audits', 'device_audits', 'smartlic_schema']));
    const rows = await Promise.all(tables.map((t) => postgres.query(db, `SELECT * FROM "${t}"`)));
    return JSON.stringify(rows);
  },
};

const backends = pgMissing ? [sqlite] : [sqlite, postgres];

const smartlic = (argv: string[], env: NodeJS.ProcessEnv = {}) => runCli(argv, { cwd: dir, env });

/** `smartlic history --json` of a store, without the store's own name. */
async function historyJson(db: string) {
  const r = await smartlic(['history', '--db', db, '--json']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out).devices;
}

/** The audit of one site by its own collector. */
const siteAudit = (site: string, db: string, now: string) => [
  'audit',
  '--from',
  `sites/${site}`,
  '--db',
  db,
  '--collector',
  `site-${site}`,
  '--now',
  now,
];

/** Both sites audited in February and May, one collector each. */
async function fleet(db: string): Promise<void> {
  for (const now of [FEB, MAY]) {
    for (const site of ['a', 'b']) {
      const r = await smartlic(siteAudit(site, db, now));
      expect(r.err).toBe('');
      expect(r.code).toBe(2);
    }
  }
}

/** `smartlic …` as a process of its own, as a collector on another machine runs it. */
const smartlicProcess = (argv: string[]) =>
  runCliProcess(argv, { cwd: dir, env: { PATH: process.env.PATH, HOME: dir } });

let n = 0;
const label = (what: string) => `${what}_${++n}`;

/** `smartlic fix` plans for these saved outputs, recorded by collector site-a (no SSH). */
async function recordPlans(db: string, collections: DeviceCollection[]): Promise<void> {
  const report = await runAudit({ collections, now: Date.parse(FEB) });
  const plans = plansFromAudit(report, { pollSeconds: 5, timeoutSeconds: 120, write: true });
  const store = await HistoryStore.open(historyTarget(db, {}, dir), { create: true, collector: 'site-a' });
  try {
    const outcome = await store.recordFix(buildFixReport(plans, 'plan', undefined, Date.parse(FEB)), {
      collector: 'site-a',
    });
    expect(outcome).toEqual({ refused: [] });
  } finally {
    await store.close();
  }
}

describe.each(backends)('history on $name', (b) => {
  it('two collectors writing at once (two processes) -> one merged history', async () => {
    const db = await b.fresh(label('collectors'));
    // Both start on a store that does not exist yet: they also race to create the schema.
    for (const now of [FEB, MAY]) {
      const runs = await Promise.all(['a', 'b'].map((site) => smartlicProcess(siteAudit(site, db, now))));
      for (const r of runs) {
        expect(r.err).toBe('');
        expect(r.code).toBe(2);
      }
    }
    const devices = await historyJson(db);
    expect(Object.keys(devices)).toEqual(FLEET);
    for (const [name, list] of Object.entries(devices) as [string, { collector: string; now: string }[]][]) {
      expect(list.map((m) => m.collector)).toEqual(Array(2).fill(`site-${SITE_OF[name]}`));
      expect(list.map((m) => m.now)).toEqual(['2026-02-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z']);
    }
    expect(devices['asa-a1'][1].changes).toContain('worst warning -> critical');
    const table = await smartlic(['history', '--db', db]);
    expect(table.out).toContain('== asa-b1');
  });

  it('concurrent audits from many connections of one process: every one recorded, none doubled', async () => {
    const db = await b.fresh(label('concurrent'));
    const report = await runAudit({
      collections: [
        fileCollection('asa', { 'show license all': seedConditions().comm }, '2026-01-12T14:00:00Z'),
        fileCollection('asa-2', { 'show license all': seedConditions().authExpired }, '2026-01-12T14:00:00Z'),
      ],
      now: Date.parse(FEB),
    });
    const target = historyTarget(db, {}, dir);
    const stores = await Promise.all(
      Array.from({ length: 6 }, (_, i) => HistoryStore.open(target, { create: true, collector: `c${i}` })),
    );
    try {
      const ids = await Promise.all(
        stores.flatMap((s, i) =>
          [1, 2, 3].map(async () => (await s.recordAudit(report, { collector: `c${i}` })).auditId),
        ),
      );
      expect(new Set(ids).size).toBe(18);
      expect(await stores[0]?.auditCount()).toBe(18);
      expect(await stores[0]?.entries()).toHaveLength(36);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('two saved files of one name from two sites: told apart by folder, each its own series', async () => {
    const db = await b.fresh(label('dup'));
    const argv = [
      'audit',
      '--from',
      'dup/site1/fw1.txt',
      'dup/site2/fw1.txt',
      '--db',
      db,
      '--collector',
      'c',
    ];
    const first = await smartlic([...argv, '--now', FEB]);
    expect(first.code).toBe(2);
    // Nothing in either capture names its device (no prompt, no hostname): one warning says so.
    expect(first.err).toMatch(/^smartlic: warning: 2 captures are named "fw1" .*"site1\/fw1".*"site2\/fw1"/);
    expect(first.err.trim().split('\n')).toHaveLength(1);
    await smartlic([...argv, '--now', MAY]);
    const devices = (await historyJson(db)) as Record<string, { worst: string; changes: string[] }[]>;
    expect(Object.keys(devices)).toEqual(['site1/fw1', 'site2/fw1']);
    expect(devices['site1/fw1']?.map((m) => m.worst)).toEqual(['warning', 'critical']);
    expect(devices['site2/fw1']?.map((m) => m.worst)).toEqual(['critical', 'critical']);
    expect(devices['site1/fw1']?.[1]?.changes).toContain('worst warning -> critical');
  });

  it('two devices of one name in one audit (as a collector reports them): both recorded, each its own series', async () => {
    const db = await b.fresh(label('dupstore'));
    const audit = (now: string) =>
      runAudit({
        collections: [
          fileCollection('fw1', { 'show license all': seedConditions().comm }, '2026-01-12T14:00:00Z'),
          fileCollection('fw1', { 'show license all': seedConditions().authExpired }, '2026-01-12T14:00:00Z'),
        ],
        now: Date.parse(now),
      });
    const store = await HistoryStore.open(historyTarget(db, {}, dir), { create: true, collector: 'c' });
    try {
      for (const now of [FEB, MAY]) {
        const outcome = await store.recordAudit(await audit(now), { collector: 'c' });
        expect(outcome.refused).toEqual([]);
      }
    } finally {
      await store.close();
    }
    const fw1 = (await historyJson(db)).fw1 as { occurrence: number; worst: string; changes: string[] }[];
    expect(fw1.map((m) => m.occurrence).sort()).toEqual([1, 1, 2, 2]);
    const byOccurrence = (k: number) => fw1.filter((m) => m.occurrence === k);
    // Each compared with its own previous audit, never with the other fw1.
    expect(byOccurrence(1).map((m) => m.worst)).toEqual(['warning', 'critical']);
    expect(byOccurrence(1)[1]?.changes).toContain('worst warning -> critical');
    expect(byOccurrence(2).map((m) => m.worst)).toEqual(['critical', 'critical']);
    expect(byOccurrence(2)[1]?.changes).toEqual([]);
  });

  it('a row the database refuses is named in one line; the rest of the audit is recorded', async () => {
    const db = await b.fresh(label('refused'));
    await smartlic(['audit', '--from', 'sites/b', '--db', db, '--collector', 'site-b', '--now', FEB]);
    // A rule a DBA added: this one device's rows are refused.
    await b.query(
      db,
      b.name === 'sqlite'
        ? `CREATE TRIGGER refuse BEFORE INSERT ON device_audits WHEN NEW.device = 'asa-a2'
             BEGIN SELECT RAISE(ABORT, 'refused by site policy'); END`
        : `CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN IF NEW.device = 'asa-a2' THEN RAISE EXCEPTION 'refused by site policy'; END IF; RETURN NEW; END $$;
           CREATE TRIGGER refuse BEFORE INSERT ON device_audits FOR EACH ROW EXECUTE FUNCTION refuse()`,
    );
    const r = await smartlic([
      'audit',
      '--from',
      'sites/a',
      '--db',
      db,
      '--collector',
      'site-a',
      '--now',
      FEB,
    ]);
    expect(r.code).toBe(4);
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(
        /^smartlic: history .*: device "asa-a2" not recorded: .*refused by site policy.* \(the rest of the audit is\)$/,
      ),
    ]);
    const devices = await historyJson(db);
    expect(Object.keys(devices)).toEqual(FLEET.filter((d) => d !== 'asa-a2'));
    expect((await b.query(db, 'SELECT count(*) AS n FROM audits'))[0]?.n).toEqual(
      b.name === 'sqlite' ? 2 : '2',
    );
  });

  it('hostile device text (NUL, terminal escapes) is stored, read back alike, and shown escaped', async () => {
    const db = await b.fresh(label('hostile'));
    const report = await runAudit({
      collections: [
        fileCollection('evil', { 'show license all': seedConditions().comm }, '2026-01-12T14:00:00Z'),
      ],
      now: Date.parse(FEB),
    });
    const name = 'ev\u0000il\u001b[2J\u001b]0;pwned\u0007';
    const d = report.devices[0] as AuditReport['devices'][number];
    const hostile: AuditReport = {
      ...report,
      devices: [
        {
          ...d,
          device: name,
          facts: { ...d.facts, registration: 'REGIST\u0000ERED', communicationDeadline: 'not a time at all' },
        },
      ],
    };
    const store = await HistoryStore.open(historyTarget(db, {}, dir), { create: true, collector: 'c' });
    try {
      const outcome = await store.recordAudit(hostile, { collector: 'c' });
      expect(outcome.refused).toEqual([]);
      const [e] = await store.entries();
      expect(e?.device).toBe(name.replace('\u0000', '\uFFFD'));
      expect(e?.registration).toBe('REGIST\uFFFDERED');
      // No time: the column is empty, and the facts keep what the device printed.
      expect(e?.communicationDeadline).toBeNull();
      expect(e?.facts.communicationDeadline).toBe('not a time at all');
    } finally {
      await store.close();
    }
    const shown = await smartlic(['history', '--db', db]);
    expect(shown.code).toBe(0);
    for (const c of ['\u0000', '\u0007', '\u001b']) expect(shown.out).not.toContain(c);
    // Escape sequences are removed from the terminal view, what is left of the name is shown.
    expect(shown.out).toContain('ev\uFFFDil');
    expect(shown.out).not.toContain('pwned\u0007');
  });

  it('the documented queries (docs/history.md) run and answer their questions', async () => {
    const db = await b.fresh(label('queries'));
    await fleet(db);
    await recordPlans(db, [
      fileCollection(
        'asa-a1',
        { 'show license all': seedConditions().comm, 'show license status': seedSmartStatus() },
        FEB,
      ),
    ]);
    const latest = await b.query(db, 'SELECT * FROM device_latest');
    expect(latest.map((r) => r.device).sort()).toEqual(FLEET);
    const ran: string[] = [];
    for (const q of documentedQueries()) {
      if (!(q.for === 'both' || q.for === b.name || (q.for === 'grafana' && b.name === 'postgres'))) continue;
      const rows = await b.query(db, q.sql);
      ran.push(q.title);
      if (q.title === 'devices by transport') {
        expect(rows.reduce((sum, r) => sum + Number(r.devices), 0)).toBe(4);
        expect(rows).toContainEqual(expect.objectContaining({ transport: 'smart' }));
      }
      if (q.title === 'deadline within 30 days' || q.title === 'deadline table') {
        const soon = latest
          .filter((r) => r.communication_deadline !== null)
          .filter(
            (r) => new Date(r.communication_deadline as string).getTime() < Date.now() + 30 * 86_400_000,
          )
          .map((r) => r.device)
          .sort();
        expect(rows.map((r) => r.device).sort()).toEqual(soon);
      }
      if (q.title === 'state changes') {
        expect(rows).toContainEqual(
          expect.objectContaining({
            device: 'asa-a1',
            collector: 'site-a',
            worst_before: 'warning',
            worst: 'critical',
          }),
        );
      }
      if (q.title === 'worst severity per audit') expect(rows).toHaveLength(4);
      if (q.title === 'critical now') expect(Number(rows[0]?.critical)).toBeGreaterThan(0);
      if (q.title === 'devices per worst severity') expect(rows.length).toBeGreaterThan(0);
      if (q.title === 'fixes')
        expect(rows).toEqual([
          expect.objectContaining({
            device: 'asa-a1',
            mode: 'plan',
            strategy: 'callhome',
            outcome: 'planned',
          }),
        ]);
    }
    expect(ran).toEqual(
      expect.arrayContaining(['devices by transport', 'state changes', 'deadline within 30 days', 'fixes']),
    );
  });

  it('export, then import into a new store: the same history; importing again adds nothing', async () => {
    const from = await b.fresh(label('export'));
    await fleet(from);
    const file = join(dir, `${label('export')}.jsonl`);
    const ex = await smartlic(['history', '--db', from, '--export', file]);
    expect(ex).toEqual({ code: 0, out: '', err: '' });
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[0] as string)).toEqual({ kind: 'smartlic-history', format: 1 });
    expect(lines).toHaveLength(1 + 4 + 8);
    const to = await b.fresh(label('import'));
    const im = await smartlic(['history', '--db', to, '--import', file]);
    expect(im.err).toBe('');
    expect(im.code).toBe(0);
    expect(im.out).toMatch(/^imported 4 audit\(s\), 8 device row\(s\), 0 fix\(es\) into /);
    expect(await historyJson(to)).toEqual(await historyJson(from));
    // The export of the copy is the export of the original, line for line (ids included).
    const again = await smartlic(['history', '--db', to, '--export']);
    expect(again.out).toBe(readFileSync(file, 'utf8'));
    const twice = await smartlic(['history', '--db', to, '--import', file]);
    expect(twice.out).toMatch(
      /^imported 0 audit\(s\), 0 device row\(s\), 0 fix\(es\) into .*; 4 audit\(s\) already there\n$/,
    );
  });

  it('fixes: recorded beside the audits, shown by history, exported and imported once', async () => {
    const db = await b.fresh(label('fixes'));
    await recordPlans(db, [
      fileCollection(
        'asa-a1',
        { 'show license all': seedConditions().comm, 'show license status': seedSmartStatus() },
        FEB,
      ),
      fileCollection('asa-b1', { 'show license all': seedConditions().registrationLost }, FEB),
    ]);
    const shown = await smartlic(['history', '--db', db, '--json']);
    expect(shown.code, shown.err).toBe(0);
    const history = HistoryOutputSchema.parse(JSON.parse(shown.out));
    expect(history.fixes['asa-a1']).toEqual([
      {
        at: '2026-02-01T00:00:00.000Z',
        collector: 'site-a',
        mode: 'plan',
        deviceTime: null,
        strategy: 'callhome',
        action: 'change',
        outcome: 'planned',
        transportBefore: 'smart',
        transportPlanned: 'callhome',
        transportAfter: null,
        verification: null,
        written: null,
        message: expect.stringMatching(/^move licensing to Call Home/),
      },
    ]);
    expect(history.fixes['asa-b1']?.[0]?.outcome).toBe('skipped');
    const text = await smartlic(['history', 'asa-b1', '--db', db]);
    expect(text.out).toMatch(/plan +│ - +│ skipped +│ - +│/);

    const file = join(dir, `${label('fixes')}.jsonl`);
    await smartlic(['history', '--db', db, '--export', file]);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.filter((l) => JSON.parse(l).kind === 'fix')).toHaveLength(2);
    const to = await b.fresh(label('fixes_import'));
    const im = await smartlic(['history', '--db', to, '--import', file]);
    expect(im.out).toMatch(/^imported 0 audit\(s\), 0 device row\(s\), 2 fix\(es\) into /);
    const copy = await smartlic(['history', '--db', to, '--json']);
    expect(JSON.parse(copy.out).fixes).toEqual(history.fixes);
    expect((await smartlic(['history', '--db', to, '--export'])).out).toBe(readFileSync(file, 'utf8'));
    const twice = await smartlic(['history', '--db', to, '--import', file]);
    expect(twice.out).toMatch(/^imported 0 audit\(s\), 0 device row\(s\), 0 fix\(es\) into /);
  });

  it('import names each bad line (FILE:LINE), leaves its audit out, and imports the rest', async () => {
    const from = await b.fresh(label('src'));
    await smartlic(['audit', '--from', 'sites/a', '--db', from, '--collector', 'a', '--now', FEB]);
    await smartlic(['audit', '--from', 'sites/b', '--db', from, '--collector', 'b', '--now', FEB]);
    const ex = await smartlic(['history', '--db', from, '--export']);
    const [header, a1, a1d1, a1d2, a2, a2d1, a2d2] = ex.out.trimEnd().split('\n') as string[];
    const broken = JSON.stringify({ ...JSON.parse(a2d1 as string), facts: { name: 7 } });
    const file = join(dir, 'bad.jsonl');
    writeFileSync(
      file,
      [
        header,
        a1,
        a1d1,
        'not json',
        a1d2,
        a2,
        broken,
        a2d2,
        '{"kind":"fix","device":"x"}',
        'x'.repeat(2 << 20),
      ]
        .join('\n')
        .concat('\n'),
    );
    const to = await b.fresh(label('bad'));
    const r = await smartlic(['history', '--db', to, '--import', 'bad.jsonl']);
    expect(r.code).toBe(4);
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      `smartlic: ${file}:4: not JSON: expected one history record per line`,
      `smartlic: ${file}:2: audit ${JSON.parse(a1 as string).uid} not imported (a line of it is bad)`,
      expect.stringMatching(new RegExp(`^smartlic: ${file}:7: device: facts.name: .*`)),
      // A fix line ends the audit before it; this one lacks its fields.
      `smartlic: ${file}:6: audit ${JSON.parse(a2 as string).uid} not imported (a line of it is bad)`,
      expect.stringMatching(new RegExp(`^smartlic: ${file}:9: fix: uid: `)),
      `smartlic: ${file}:10: line too long for a history record`,
    ]);
    expect(r.out).toMatch(/^imported 0 audit\(s\)/);
    // Nothing half-imported.
    expect((await b.query(to, 'SELECT count(*) AS n FROM device_audits'))[0]?.n).toEqual(
      b.name === 'sqlite' ? 0 : '0',
    );
    const notHistory = join(dir, 'not-history.jsonl');
    writeFileSync(notHistory, '{"hello":1}\n');
    const bad = await smartlic(['history', '--db', to, '--import', notHistory]);
    expect(bad.code).toBe(4);
    expect(bad.err).toBe(
      `smartlic: ${notHistory}:1: expected the header {"kind":"smartlic-history","format":1} (smartlic history --export)\n`,
    );
  });
});

describe.runIf(!pgMissing)('history across back ends', () => {
  it('SQLite -> export -> import into PostgreSQL -> the same history (and back)', async () => {
    const lite = await sqlite.fresh(label('lite'));
    await fleet(lite);
    await smartlic(['audit', '--from', 'dup/site1/fw1.txt', 'dup/site2/fw1.txt', '--db', lite, '--now', MAY]);
    const file = join(dir, 'lite.jsonl');
    expect((await smartlic(['history', '--db', lite, '--export', file])).code).toBe(0);
    const server = await postgres.fresh(label('server'));
    const im = await smartlic(['history', '--db', server, '--import', file]);
    expect(im.err).toBe('');
    expect(im.out).toMatch(/^imported 5 audit\(s\), 10 device row\(s\)/);
    expect(await historyJson(server)).toEqual(await historyJson(lite));
    const back = await sqlite.fresh(label('back'));
    const out = join(dir, 'server.jsonl');
    expect((await smartlic(['history', '--db', server, '--export', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(file, 'utf8'));
    expect((await smartlic(['history', '--db', back, '--import', out])).code).toBe(0);
    expect(await historyJson(back)).toEqual(await historyJson(lite));
  });

  it('SMARTLIC_DB names the PostgreSQL store; a wrong password is one line that never shows it', async () => {
    const db = await postgres.fresh(label('env'));
    const env = { SMARTLIC_DB: db, HOME: dir };
    const r = await smartlic(['audit', '--from', 'sites/a', '--collector', 'a', '--now', FEB], env);
    expect(r.err).toBe('');
    const h = await smartlic(['history', '--json'], env);
    expect(Object.keys(JSON.parse(h.out).devices)).toEqual(['asa-a1', 'asa-a2']);
    expect(JSON.parse(h.out).db).toBe(
      db.replace(`:${encodeURIComponent((cluster as PostgresCluster).password)}`, ''),
    );
    expect(h.out).not.toContain((cluster as PostgresCluster).password);
    const wrong = db.replace(encodeURIComponent((cluster as PostgresCluster).password), 'not-the-password');
    const bad = await smartlic(['history', '--db', wrong]);
    expect(bad.code).toBe(4);
    expect(bad.err).toMatch(
      /^smartlic: cannot open history store postgres:\/\/smartlic@127\.0\.0\.1:\d+\/env_\d+: .*password authentication failed.*\n$/,
    );
    expect(bad.err).not.toContain('not-the-password');
    // An audit finds out before collecting anything, not after a fleet's worth of SSH sessions.
    const audit = await smartlic(['audit', '--from', 'sites/a', '--db', wrong]);
    expect(audit.code).toBe(4);
    expect(audit.out).toBe('');
    expect(audit.err).toMatch(
      /^smartlic: cannot open history store postgres:\/\/smartlic@[^\n]*password authentication failed[^\n]*\n$/,
    );
    const empty = await postgres.fresh(label('empty'));
    const none = await smartlic(['history', '--db', empty]);
    expect(none.code).toBe(4);
    expect(none.err).toMatch(/no history store at postgres:\/\/smartlic@.*: run `smartlic audit` first/);
    expect(none.err).not.toContain((cluster as PostgresCluster).password);
  });
});

describe('no secret reaches the database', () => {
  const password = `lab-secret-${process.pid}-${Date.now()}`;
  const plaintext = `inventory-plaintext-${process.pid}`;
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab(builtinLab({ password }), { stateDir: join(dir, 'lab') });
    const port = (name: string) => lab.device(name)?.port;
    writeFileSync(
      join(dir, 'hosts.yaml'),
      [
        'defaults: { username: admin, password_env: LAB_PW, enable_password_env: LAB_PW }',
        'devices:',
        `  - { name: ${BUILTIN_DEVICES.commFailing}, host: 127.0.0.1, port: ${port(BUILTIN_DEVICES.commFailing)} }`,
        `  - { name: ${BUILTIN_DEVICES.callhome}, host: 127.0.0.1, port: ${port(BUILTIN_DEVICES.callhome)} }`,
        // A wrong password written into the inventory itself: refused, and still never stored.
        `  - { name: ${BUILTIN_DEVICES.healthy}, host: 127.0.0.1, port: ${port(BUILTIN_DEVICES.healthy)}, password: ${plaintext} }`,
      ].join('\n'),
    );
  }, 60_000);
  afterAll(async () => {
    await lab?.close();
  });

  it.each(backends)('SSH audit of the lab into $name: no table holds a password', async (b) => {
    const db = await b.fresh(label('secret'));
    const r = await smartlic(
      [
        'audit',
        '--inventory',
        'hosts.yaml',
        '--known-hosts',
        `kh-${b.name}`,
        '--accept-new',
        '--timeout',
        '10',
        '--db',
        db,
      ],
      { LAB_PW: password, HOME: dir },
    );
    expect(r.err).not.toMatch(/smartlic: history|not recorded|cannot open/);
    expect([1, 2]).toContain(r.code);
    const stored = await b.dump(db);
    expect(stored).toContain(BUILTIN_DEVICES.callhome);
    expect(stored).toContain('callhome');
    for (const secret of [password, plaintext, cluster?.password ?? 'unused-url-password']) {
      expect(stored).not.toContain(secret);
      expect(r.out + r.err).not.toContain(secret);
    }
  });
});

/** The ```sql blocks of docs/history.md, each `-- FOR: TITLE` on its first line; Grafana's macros expanded. */
function documentedQueries(): { for: string; title: string; sql: string }[] {
  const doc = readFileSync(join(import.meta.dirname, '../../docs/history.md'), 'utf8');
  const out = [];
  for (const m of doc.matchAll(/```sql\n-- (\w+): (.+)\n([\s\S]*?)```/g)) {
    const sql = (m[3] as string)
      // As Grafana expands them for the PostgreSQL data source (a fixed range here).
      .replace(/\$__timeFilter\((\w+)\)/g, "$1 BETWEEN '2000-01-01T00:00:00Z' AND '2100-01-01T00:00:00Z'")
      .replace(/\$__timeGroupAlias\((\w+), '1d'\)/g, 'floor(extract(epoch from $1)/86400)*86400 AS "time"');
    expect(sql).not.toContain('$__');
    out.push({ for: m[1] as string, title: m[2] as string, sql });
  }
  expect(out.length).toBeGreaterThanOrEqual(10);
  return out;
}
