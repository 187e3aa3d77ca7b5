// `smartlic audit --inventory` against the built-in lab over real SSH, with the failures a fleet
// has: a wrong password, a changed host key, a black-holed port. Each failure is a row with its
// error, never an aborted run; a changed host key is critical (exit 2).

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/report/contract.ts';
import { BUILTIN_DEVICES, builtinLab } from '../../src/lab/builtin.ts';
import { type Lab, startLab } from '../../src/lab/lab.ts';
import { runCli } from '../helpers/cli.ts';
import { type Running, startSilentServer } from '../transport/fixtures.ts';

const listFiles = (d: string): string[] =>
  readdirSync(d, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(d.length + 1));

const dir = mkdtempSync(join(tmpdir(), 'smartlic-audit-lab-'));
const password = `pw-${process.pid}-lab`;
let lab: Lab;
let blackHole: Running;
let result: { code: number; report: AuditReport; err: string };

beforeAll(async () => {
  lab = await startLab(builtinLab({ password }), { stateDir: join(dir, 'lab') });
  // Accepts TCP and never says a word: what a firewall black hole looks like to SSH.
  blackHole = await startSilentServer();
  const bhPort = blackHole.port;

  const b = BUILTIN_DEVICES;
  const dev = (name: string) => {
    const d = lab.device(name);
    if (!d) throw new Error(`lab has no ${name}`);
    return d;
  };
  const other = dev(b.callhome);
  // asa-healthy's entry carries another device's key: a changed host key.
  const kh = [b.commFailing, b.callhome, b.registrationLost]
    .map((n) => `[127.0.0.1]:${dev(n).port} ${dev(n).hostPublicKey}`)
    .concat(`[127.0.0.1]:${dev(b.healthy).port} ${other.hostPublicKey}`)
    .join('\n');
  writeFileSync(join(dir, 'known_hosts'), `${kh}\n`);
  const inv = [
    'defaults: { username: admin, password_env: LAB_PW, enable_password_env: LAB_PW }',
    'devices:',
    `  - { name: ${b.commFailing}, host: 127.0.0.1, port: ${dev(b.commFailing).port} }`,
    `  - { name: ${b.callhome}, host: 127.0.0.1, port: ${dev(b.callhome).port} }`,
    `  - { name: ${b.registrationLost}, host: 127.0.0.1, port: ${dev(b.registrationLost).port}, password_env: WRONG_PW }`,
    `  - { name: ${b.healthy}, host: 127.0.0.1, port: ${dev(b.healthy).port} }`,
    `  - { name: black-hole, host: 127.0.0.1, port: ${bhPort} }`,
  ].join('\n');
  writeFileSync(join(dir, 'hosts.yaml'), `${inv}\n`);

  const { code, out, err } = await runCli(
    [
      'audit',
      '--inventory',
      'hosts.yaml',
      '--known-hosts',
      'known_hosts',
      '--timeout',
      '4',
      '--json',
      '--db',
      'history.db',
      '--save-raw',
      'raw',
      '--html',
      'report.html',
      '--prometheus',
      'metrics.prom',
    ],
    { cwd: dir, env: { LAB_PW: password, WRONG_PW: 'not-the-password' } },
  );
  result = { code, report: JSON.parse(out) as AuditReport, err };
}, 90_000);

afterAll(async () => {
  await blackHole?.close();
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('smartlic audit --inventory against the lab', () => {
  const row = (name: string) => result.report.devices.find((d) => d.device === name);

  it('audits the reachable devices and reports each failure as a row with its phase', () => {
    const b = BUILTIN_DEVICES;
    expect(result.report.devices).toHaveLength(5);
    expect(row(b.commFailing)?.ok).toBe(true);
    expect(row(b.callhome)?.ok).toBe(true);
    expect(row(b.callhome)?.facts.transport?.type).toBe('callhome');
    expect(row(b.registrationLost)?.error?.phase).toBe('auth');
    expect(row(b.healthy)?.error?.phase).toBe('hostkey');
    expect(row(b.healthy)?.worst).toBe('critical');
    expect(['connect', 'timeout']).toContain(row('black-hole')?.error?.phase);
    for (const name of [b.registrationLost, b.healthy, 'black-hole']) {
      expect(row(name)?.findings[0]?.code).toBe('COLLECTION_FAILED');
    }
    expect(result.code).toBe(2);
  });

  it('never prints or stores a secret (report, stderr, history, raw captures, HTML, metrics)', () => {
    const files = [
      'history.db',
      'report.html',
      'metrics.prom',
      ...listFiles(join(dir, 'raw')).map((f) => join('raw', f)),
    ];
    expect(files.length).toBeGreaterThan(4);
    const stored = files.map((f) => readFileSync(join(dir, f)).toString('latin1')).join('\n');
    // The SQLite WAL holds the rows until a checkpoint: read it too when present.
    const walFile = join(dir, 'history.db-wal');
    const wal = existsSync(walFile) ? readFileSync(walFile).toString('latin1') : '';
    const all = JSON.stringify(result.report) + result.err + stored + wal;
    expect(stored + wal).toContain(BUILTIN_DEVICES.commFailing);
    expect(all).not.toContain(password);
    expect(all).not.toContain('not-the-password');
  });
});

describe('Ctrl-C during an audit', () => {
  it('stops collecting, still prints and writes what was collected, exits 130', async () => {
    const b = BUILTIN_DEVICES;
    const port = (lab.device(b.commFailing) as { port: number }).port;
    const bhPort = blackHole.port;
    writeFileSync(
      join(dir, 'two.yaml'),
      [
        'defaults: { username: admin, password_env: LAB_PW, enable_password_env: LAB_PW }',
        'devices:',
        `  - { name: ${b.commFailing}, host: 127.0.0.1, port: ${port} }`,
        `  - { name: black-hole, host: 127.0.0.1, port: ${bhPort} }`,
      ].join('\n'),
    );
    const running = runCli(
      [
        'audit',
        '--inventory',
        'two.yaml',
        '--known-hosts',
        'known_hosts',
        '--timeout',
        '60',
        '--json',
        '--no-history',
        '--html',
        'partial.html',
      ],
      { cwd: dir, env: { LAB_PW: password } },
    );
    // The reachable device finishes within a second or two; the black hole would hold for 60 s.
    await new Promise((r) => setTimeout(r, 3000));
    process.emit('SIGINT');
    const { code, out } = await running;
    expect(code).toBe(130);
    const report = JSON.parse(out) as AuditReport;
    expect(report.devices.find((d) => d.device === b.commFailing)?.ok).toBe(true);
    expect(readFileSync(join(dir, 'partial.html'), 'utf8')).toContain(b.commFailing);
  }, 60_000);
});

describe('auditing a lab whose clock was advanced', () => {
  it('counts days on the lab clock with --now device; without it, a note says how', async () => {
    const b = BUILTIN_DEVICES;
    const port = (lab.device(b.commFailing) as { port: number }).port;
    writeFileSync(
      join(dir, 'one.yaml'),
      [
        'defaults: { username: admin, password_env: LAB_PW, enable_password_env: LAB_PW }',
        'devices:',
        `  - { name: ${b.commFailing}, host: 127.0.0.1, port: ${port} }`,
      ].join('\n'),
    );
    const auditOne = async (...extra: string[]) => {
      const r = await runCli(
        [
          'audit',
          '--inventory',
          'one.yaml',
          '--known-hosts',
          'known_hosts',
          '--json',
          '--no-history',
          ...extra,
        ],
        { cwd: dir, env: { LAB_PW: password } },
      );
      return (JSON.parse(r.out) as AuditReport).devices[0];
    };
    const before = await auditOne('--now', 'device');
    await lab.advance(30 * 86_400_000);
    const onLabClock = await auditOne('--now', 'device');
    const onHostClock = await auditOne();
    const daysBefore = before?.facts.daysToDeadline as number;
    // The communication keeps failing: the deadline stays, and 30 lab days have passed.
    expect(onLabClock?.facts.daysToDeadline).toBe(daysBefore - 30);
    expect(onLabClock?.notes).toEqual([]);
    // Counted from this host's clock the days do not move; the audit says why and what to give.
    expect(onHostClock?.facts.daysToDeadline).toBe(daysBefore);
    expect(onHostClock?.notes.join('\n')).toMatch(
      /device’s clock \(show clock\) reads .*30 days ahead of.*--now device/,
    );
  }, 60_000);
});
