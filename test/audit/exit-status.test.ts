// Each exit-status rule of docs/exit-status.md, end to end through the CLI entry: the worst device
// decides (0 ok/info, 1 warning, 2 critical), a device that could not be checked is UNKNOWN (3)
// unless a device is worse, the run's own failure is 4, usage 64. Devices that cannot be checked
// are real: saved files with no ASA output, and SSH to loopback ports where nothing listens.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors.ts';
import { runCli } from '../helpers/cli.ts';
import { REPO_ROOT } from '../helpers/fixtures.ts';
import { refusedPort } from '../transport/fixtures.ts';
import { readCorpus, seedConditions } from './inputs.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-exit-'));
const NOW = '2026-02-01T00:00:00Z';
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: dir, env });
const audit = (...paths: string[]) =>
  cli(['audit', '--from', ...paths, '--now', NOW, '--no-history', '--json']);

beforeAll(() => {
  const seed = seedConditions();
  const put = (file: string, text: string) => writeFileSync(join(dir, file), text);
  put('comm.txt', `${seed.comm}\n`); // warning: COMM_FAILING
  put('expired.txt', `${seed.authExpired}\n`); // critical: AUTH_EXPIRED
  // ntc-templates 1: REGISTERED, AUTHORIZED, SUCCESS: healthy in Dec 2018 (info only).
  put('healthy.txt', readCorpus('show-license-all__ntc-templates__1.txt'));
  // Files with no ASA output: devices that cannot be checked.
  put('notes-a.txt', 'shopping list: milk, eggs\n');
  put('notes-b.txt', 'nothing an ASA printed\n');
  mkdirSync(join(dir, 'empty'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exit status', () => {
  it('0 when nothing is worse than info; the table counts info devices as ok', async () => {
    const r = await cli(['audit', '--from', 'healthy.txt', '--now', '2018-12-20T00:00:00Z', '--no-history']);
    expect(r.code).toBe(EXIT.OK);
    expect(r.out).toMatch(/0 critical, 0 warning, 0 not checked, 1 ok/);
  });

  it('1 when the worst device has a warning, 2 when one is critical', async () => {
    expect((await audit('comm.txt')).code).toBe(EXIT.WARNING);
    expect((await audit('comm.txt', 'expired.txt')).code).toBe(EXIT.CRITICAL);
  });

  it('2: a critical device is not masked by one that could not be checked', async () => {
    const r = await audit('notes-a.txt', 'expired.txt');
    expect(r.code).toBe(EXIT.CRITICAL);
    expect(JSON.parse(r.out).summary.byState).toEqual({ ok: 0, unknown: 1, warning: 0, critical: 1 });
  });

  it('1: a warning device is worse than one that could not be checked', async () => {
    expect((await audit('notes-a.txt', 'comm.txt')).code).toBe(EXIT.WARNING);
  });

  it('3 (UNKNOWN) when only devices that could not be checked remain, with one line per distinct problem', async () => {
    const r = await audit('notes-a.txt', 'notes-b.txt');
    expect(r.code).toBe(EXIT.UNKNOWN);
    expect(JSON.parse(r.out).summary.worst).toBe('unknown');
    expect(r.err.trim().split('\n')).toHaveLength(2);
  });

  it('3 over SSH: unreachable devices and a missing password variable; the same error is said once with a count', async () => {
    const ports = [await refusedPort(), await refusedPort()];
    writeFileSync(
      join(dir, 'hosts.yaml'),
      [
        'defaults: { username: admin, password_env: ASA_PASS }',
        'devices:',
        ...['fw1', 'fw2', 'fw3'].map((n, i) => `  - { name: ${n}, host: 127.0.0.1, port: ${22000 + i} }`),
      ].join('\n'),
    );
    const missing = await cli(['audit', '-i', 'hosts.yaml', '--no-history', '--known-hosts', 'kh']);
    expect(missing.code).toBe(EXIT.UNKNOWN);
    expect(missing.err).toBe(
      'smartlic: 3 devices (fw1, fw2, fw3): password environment variable ASA_PASS is not set\n',
    );
    writeFileSync(
      join(dir, 'refused.yaml'),
      [
        'defaults: { username: admin, password_env: ASA_PASS }',
        'devices:',
        ...ports.map((p, i) => `  - { name: fw${i + 1}, host: 127.0.0.1, port: ${p} }`),
      ].join('\n'),
    );
    const refused = await cli(
      ['audit', '-i', 'refused.yaml', '--no-history', '--known-hosts', 'kh', '--timeout', '5', '--json'],
      { ASA_PASS: 'x' },
    );
    expect(refused.code).toBe(EXIT.UNKNOWN);
    const report = JSON.parse(refused.out);
    expect(report.devices.map((d: { worst: string }) => d.worst)).toEqual(['unknown', 'unknown']);
  });

  it('4 when the run itself cannot proceed: no device at all, nothing readable, an unreadable inventory', async () => {
    const empty = await audit('empty');
    expect(empty.code).toBe(EXIT.RUN_FAILED);
    expect(empty.err).toContain('no device to audit');
    const missing = await audit('no-such-file.txt');
    expect(missing.code).toBe(EXIT.RUN_FAILED);
    expect(missing.err).toMatch(/no-such-file\.txt.*cannot read/);
    const inv = await cli(['audit', '-i', 'no-such-inventory.yaml', '--no-history']);
    expect(inv.code).toBe(EXIT.RUN_FAILED);
    expect(inv.err.trim().split('\n')).toHaveLength(1);
  });

  it('64 for usage errors, which no device state can be mistaken for', async () => {
    for (const args of [['audit'], ['audit', '--bogus'], ['frobnicate']]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(EXIT.USAGE);
    }
    expect(new Set(Object.values(EXIT)).size).toBe(Object.values(EXIT).length);
  });

  it('docs/exit-status.md documents exactly these statuses', () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs/exit-status.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(rows.sort((a, b) => a - b)).toEqual(Object.values(EXIT).sort((a, b) => a - b));
  });
});
