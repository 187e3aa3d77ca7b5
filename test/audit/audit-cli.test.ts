// `smartlic audit --from` end to end, in-process through the CLI entry: saved outputs of the
// seed's conditions and the corpus -> JSON (valid against the committed schema), HTML,
// Prometheus, history, --save-raw and a second audit from what was saved; usage and I/O errors.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HistoryStore } from '../../src/audit/history/store.ts';
import { historyTarget } from '../../src/audit/history/target.ts';
import type { AuditReport } from '../../src/audit/report/contract.ts';
import { runCli } from '../helpers/cli.ts';
import { readCorpus, seedConditions } from './inputs.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-audit-cli-'));
const NOW = '2026-02-01T00:00:00Z';

const cli = (args: string[], tty = false) =>
  runCli(args, { cwd: dir, env: { XDG_DATA_HOME: join(dir, 'xdg') }, stderrTty: tty });

beforeAll(() => {
  const seed = seedConditions();
  const put = (device: string, file: string, text: string) => {
    mkdirSync(join(dir, 'saved', device), { recursive: true });
    writeFileSync(join(dir, 'saved', device, file), text);
  };
  put('asa-comm', 'show-license-all.txt', `${seed.comm}\n`);
  put('asa-expired', 'show-license-all.txt', `${seed.authExpired}\n`);
  put('asa-eval', 'show-license-all.txt', `${seed.registrationLost}\n`);
  // A folder named ntc4 whose show version says the device is edge-firewall01: audited by that name.
  put('ntc4', 'show-license-all.txt', readCorpus('show-license-all__ntc-templates__4.txt'));
  put('ntc4', 'show-version.txt', readCorpus('show-version__hpreston-devasc-inventory__1.txt'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const devicesIn = () => ['asa-comm', 'asa-expired', 'asa-eval', 'ntc4'].map((d) => join('saved', d));
const openStore = (path: string) => HistoryStore.open(historyTarget(path, {}, dir), { create: false });
const codesOf = (r: AuditReport) =>
  Object.fromEntries(r.devices.map((d) => [d.device, d.findings.map((f) => f.code)]));

describe('smartlic audit --from', () => {
  it('writes every output and exits 2 (critical devices present)', async () => {
    const r = await cli([
      'audit',
      '--from',
      ...devicesIn(),
      '--now',
      NOW,
      '--json',
      '--html',
      'report.html',
      '--prometheus',
      'metrics.prom',
      '--db',
      'history.db',
      '--save-raw',
      'raw',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(2);
    const report = JSON.parse(r.out) as AuditReport;
    const schema = z.fromJSONSchema(
      JSON.parse(readFileSync(new URL('../../schema/audit-output.schema.json', import.meta.url), 'utf8')),
    );
    expect(schema.safeParse(report).success).toBe(true);
    expect(report.now).toBe('2026-02-01T00:00:00.000Z');
    const codes = codesOf(report);
    expect(codes['asa-comm']).toContain('COMM_FAILING');
    expect(codes['asa-expired']).toContain('AUTH_EXPIRED');
    expect(codes['asa-eval']).toContain('REGISTRATION_LOST');
    expect(report.devices.find((d) => d.device === 'edge-firewall01')?.facts.version).toBe('9.12(2)');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('id="fleet-table"');
    expect(readFileSync(join(dir, 'metrics.prom'), 'utf8')).toContain(
      `smartlic_communication_deadline_remaining_seconds{device="asa-comm"} ${(Date.parse('2026-04-12T13:04:55Z') - Date.parse(NOW)) / 1000}`,
    );
    const store = await openStore(join(dir, 'history.db'));
    expect(await store.auditCount()).toBe(1);
    await store.close();

    // What --save-raw kept audits the same way offline.
    const again = await cli([
      'audit',
      '--from',
      ...['asa-comm', 'asa-expired', 'asa-eval', 'edge-firewall01'].map((d) => join('raw', d)),
      '--now',
      NOW,
      '--json',
      '--no-history',
    ]);
    expect(again.code).toBe(2);
    expect(codesOf(JSON.parse(again.out) as AuditReport)).toEqual(codes);
  });

  it('records history in the user data folder by default; --no-history does not', async () => {
    await cli(['audit', '--from', join('saved', 'asa-comm'), '--now', NOW, '--json']);
    expect(existsSync(join(dir, 'xdg', 'smartlic', 'history.db'))).toBe(true);
    const store = await openStore(join(dir, 'xdg', 'smartlic', 'history.db'));
    const before = await store.auditCount();
    await store.close();
    const r = await cli(['audit', '--from', join('saved', 'asa-comm'), '--now', NOW, '--no-history']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/asa-comm.*COMM_FAILING/);
    const after = await openStore(join(dir, 'xdg', 'smartlic', 'history.db'));
    expect(await after.auditCount()).toBe(before);
    await after.close();
  });

  it('--limit keeps only the matching devices (Ansible patterns over device names)', async () => {
    const devicesLimitedTo = async (pattern: string) => {
      const r = await cli([
        'audit',
        '--from',
        ...devicesIn(),
        '--now',
        NOW,
        '--json',
        '--no-history',
        '--limit',
        pattern,
      ]);
      return (JSON.parse(r.out) as AuditReport).devices.map((d) => d.device);
    };
    expect(await devicesLimitedTo('asa-e*')).toEqual(['asa-eval', 'asa-expired']);
    expect(await devicesLimitedTo('edge*')).toEqual(['edge-firewall01']);
    expect(await devicesLimitedTo('asa-e*:!asa-eval')).toEqual(['asa-expired']);
  });

  it('shows a progress line on a terminal only, and clears it before the table', async () => {
    const onTty = await cli(
      ['audit', '--from', join('saved', 'asa-comm'), '--now', NOW, '--no-history'],
      true,
    );
    expect(onTty.err).toContain('1/1 done, 0 failed (last: asa-comm)');
    expect(onTty.err.endsWith('\r\x1b[K')).toBe(true);
    const piped = await cli(['audit', '--from', join('saved', 'asa-comm'), '--now', NOW, '--no-history']);
    expect(piped.err).toBe('');
  });

  it('an unreadable saved path is one line on stderr and an unchecked device; the worse device beside it decides the exit', async () => {
    const r = await cli([
      'audit',
      '--from',
      'no-such-dir',
      join('saved', 'asa-comm'),
      '--now',
      NOW,
      '--json',
      '--no-history',
    ]);
    // asa-comm is a warning, worse than a device that could not be checked (UNKNOWN).
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^smartlic: no-such-dir: .*no-such-dir.*\n$/);
    const report = JSON.parse(r.out) as AuditReport;
    expect(report.devices.find((d) => d.device === 'asa-comm')?.findings.map((f) => f.code)).toContain(
      'COMM_FAILING',
    );
  });

  it('usage errors exit 64 with one line; an unwritable output exits 4 but the report is still printed', async () => {
    for (const args of [
      ['audit'],
      ['audit', '--from', 'saved', '--inventory', 'x.yaml'],
      ['audit', '--from', join('saved', 'asa-comm'), '--now', 'yesterday'],
      ['audit', '--from', join('saved', 'asa-comm'), '--concurrency', '0'],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(64);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    const r = await cli([
      'audit',
      '--from',
      join('saved', 'asa-comm'),
      '--now',
      NOW,
      '--no-history',
      '--prometheus',
      join('missing-dir', 'm.prom'),
    ]);
    expect(r.code).toBe(4);
    expect(r.out).toContain('COMM_FAILING');
    expect(r.err).toMatch(/^smartlic: .*m\.prom.*\n$/);
  });
});
