// The history store: two audits of a fleet -> each device's movement shown; an audit is
// recorded whole or not at all; the CLI view over it; migrations under PRAGMA user_version.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { movements } from '../../src/audit/history/movement.ts';
import { defaultHistoryPath, HistoryStore } from '../../src/audit/history/store.ts';
import { runAudit } from '../../src/audit/run.ts';
import { runCli } from '../helpers/cli.ts';
import { fileCollection, readCorpus, seedConditions } from './inputs.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const history = (...argv: string[]) => runCli(['history', ...argv], { cwd: dir });

async function twoAudits(db: string) {
  const fleet = () => [
    fileCollection('asa', { 'show license all': seedConditions().comm }, '2026-01-12T14:00:00Z'),
    fileCollection(
      'ntc4',
      { 'show license all': readCorpus('show-license-all__ntc-templates__4.txt') },
      '2023-01-24T00:00:00Z',
    ),
  ];
  const store = HistoryStore.open(db);
  try {
    store.record(await runAudit({ collections: fleet(), now: Date.parse('2026-02-01T00:00:00Z') }));
    store.record(await runAudit({ collections: fleet(), now: Date.parse('2026-05-01T00:00:00Z') }));
    return store.entries();
  } finally {
    store.close();
  }
}

describe('history store', () => {
  it('two audits -> how state and deadlines moved per device', async () => {
    const entries = await twoAudits(join(dir, 'a.db'));
    expect(entries).toHaveLength(4);
    const asa = movements(entries).get('asa');
    expect(asa?.map((m) => m.worst)).toEqual(['warning', 'critical']);
    expect(asa?.[0]?.changes).toEqual([]);
    expect(asa?.[1]?.changes).toContain('worst warning -> critical');
    expect(asa?.[1]?.changes).toContain('new: AUTH_EXPIRED');
    expect(asa?.[1]?.changes).toContain('cleared: COMM_FAILING');
    expect(asa?.map((m) => m.daysToDeadline)).toEqual([70, -19]);
  });

  it('an audit is recorded whole or not at all (a failing row rolls the audit back)', async () => {
    const db = join(dir, 'b.db');
    const store = HistoryStore.open(db);
    try {
      const one = await runAudit({
        collections: [
          fileCollection('asa', { 'show license all': seedConditions().comm }, '2026-01-12T14:00:00Z'),
        ],
        now: Date.parse('2026-02-01T00:00:00Z'),
      });
      store.record(one);
      // The same device twice in one audit violates the primary key on the second row.
      const dup = { ...one, devices: [...one.devices, ...one.devices] };
      expect(() => store.record(dup)).toThrow();
      expect(store.auditCount()).toBe(1);
      expect(store.entries()).toHaveLength(1);
    } finally {
      store.close();
    }
    const raw = new Database(db, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(1);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('smartlic history [DEVICE] prints the movement; --json is machine-readable; unknown device fails', async () => {
    const db = join(dir, 'c.db');
    await twoAudits(db);
    const all = await history('--db', db);
    expect(all.code).toBe(0);
    expect(all.out).toContain('== asa');
    expect(all.out).toContain('== ntc4');
    expect(all.out).toContain('new: AUTH_EXPIRED');
    const j = await history('asa', '--db', db, '--json');
    expect(j.code).toBe(0);
    const parsed = JSON.parse(j.out);
    expect(Object.keys(parsed.devices)).toEqual(['asa']);
    expect(parsed.devices.asa).toHaveLength(2);
    const bad = await history('nope', '--db', db);
    expect(bad.code).toBe(4);
    expect(bad.err).toMatch(/no audits of nope recorded/);
  });

  it('smartlic history without a store says so in one line and exits 4', async () => {
    const none = await history('--db', join(dir, 'none.db'));
    expect(none.code).toBe(4);
    expect(none.err).toMatch(/^smartlic: .*none\.db.*run `smartlic audit` first.*\n$/);
  });

  it('default path follows XDG_DATA_HOME, else ~/.local/share', () => {
    expect(defaultHistoryPath({ XDG_DATA_HOME: '/x/data' })).toBe('/x/data/smartlic/history.db');
    expect(defaultHistoryPath({ HOME: '/home/u' })).toBe('/home/u/.local/share/smartlic/history.db');
  });
});
