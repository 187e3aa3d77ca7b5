// The seed's verification step, as a user runs it: `smartlic audit --from` on each of the seed's
// outputs saved as the seed prints them (one-line pastes included). "To verify if the device is
// using Call Home or Smart Transport, please use show license status command": the audit answers
// exactly that, and the condition samples keep their findings. None says NO_LICENSE_DATA.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { DERIVED_DIR, SEED_DIR } from '../helpers/fixtures.ts';

interface Audited {
  facts: {
    transport: { type: string } | null;
    sources: Record<string, { command: string; file?: string; line?: number }>;
  };
  outputs: { command: string; filter?: { type: string; pattern: string } }[];
  findings: { code: string; severity: string; summary: string; detail: string }[];
  remediation: { why: string; cli: string[] }[];
}

async function audit(path: string, cwd: string): Promise<Audited> {
  const r = await runCli(['audit', '--from', path, '--json', '--no-history', '--now', '2026-01-20'], { cwd });
  expect(r.err).toBe('');
  return JSON.parse(r.out).devices[0];
}
const codes = (a: Audited) => a.findings.map((f) => [f.code, f.severity]);

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'smartlic-seed-'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('audit --from on the seed outputs', () => {
  it('the Smart Transport status sample: TRANSPORT_SMART, and registration/authorization named as not collected', async () => {
    const a = await audit(join(SEED_DIR, 'seed-status-smart.txt'), tmp);
    expect(codes(a)).toEqual([
      ['TRANSPORT_SMART', 'info'],
      ['LICENSE_NOT_COLLECTED', 'info'],
    ]);
    expect(a.findings.find((f) => f.code === 'LICENSE_NOT_COLLECTED')?.summary).toContain('show license all');
    expect(a.facts.sources.transport).toEqual({
      command: 'show license status',
      file: join(SEED_DIR, 'seed-status-smart.txt'),
      line: 1,
    });
  });

  it('the Call Home sample pasted onto one line: TRANSPORT_CALLHOME with the revert-to-Smart step', async () => {
    const a = await audit(join(SEED_DIR, 'seed-status-callhome-collapsed.txt'), tmp);
    expect(codes(a)).toEqual([
      ['TRANSPORT_CALLHOME', 'info'],
      ['LICENSE_NOT_COLLECTED', 'info'],
    ]);
    expect(a.findings[0]?.detail).toMatch(/deprecated/);
    expect(a.remediation.map((r) => r.cli)).toContainEqual([
      'configure terminal',
      'license smart',
      'transport type smart',
      'end',
      'write memory',
    ]);
  });

  it.each([
    ['seed-condition-1.txt', [['COMM_FAILING', 'warning']]],
    [
      'seed-condition-2.txt',
      [
        ['AUTH_EXPIRED', 'critical'],
        ['RENEWAL_FAILING', 'warning'],
      ],
    ],
    [
      'seed-condition-3.txt',
      [
        ['REGISTRATION_LOST', 'critical'],
        ['EVAL_MODE', 'critical'],
        ['EXPORT_CONTROL_NOT_ALLOWED', 'critical'],
      ],
    ],
  ])('%s keeps its findings', async (file, want) => {
    expect(codes(await audit(join(SEED_DIR, file), tmp))).toEqual(want);
  });

  it('the show run license sample: Call Home from the configuration, no NO_LICENSE_DATA', async () => {
    const a = await audit(join(SEED_DIR, 'seed-run-license.txt'), tmp);
    expect(a.facts.transport?.type).toBe('callhome');
    expect(a.findings.map((f) => f.code)).toEqual(['TRANSPORT_CALLHOME', 'LICENSE_NOT_COLLECTED']);
  });
});

describe('what parse and audit used to disagree on', () => {
  it('a bare "Smart Licensing is ENABLED / Registration:" output is the same command to both', async () => {
    const path = join(tmp, 'bare-status.txt');
    await writeFile(
      path,
      'Smart Licensing is ENABLED\n\nRegistration:\n  Status: REGISTERED\n\nLicense Authorization:\n  Status: AUTHORIZED on Jan 12 2026 13:11:25 UTC\n',
    );
    const parsed = JSON.parse((await runCli(['parse', '--json', path], { cwd: tmp })).out);
    const a = await audit(path, tmp);
    expect(parsed.map((e: { command: string }) => e.command)).toEqual(['show license status']);
    expect(a.outputs.map((o) => o.command)).toEqual(['show license status']);
  });

  it('fw1# sh ver | i Serial and fw1# sh lic are outputs to both, the filtered one marked', async () => {
    const path = join(DERIVED_DIR, 'filtered__fw1-sh-ver-i-serial.log');
    const parsed = JSON.parse((await runCli(['parse', '--json', path], { cwd: tmp })).out);
    const a = await audit(path, tmp);
    const want = [
      ['show version', 'include Serial'],
      ['show license all', 'include Status|Type'],
      ['show license all', ''],
    ];
    const shown = (o: { command: string; filter?: { type: string; pattern: string } }) => [
      o.command,
      o.filter ? `${o.filter.type} ${o.filter.pattern}` : '',
    ];
    expect(parsed.map(shown)).toEqual(want);
    expect(a.outputs.map(shown).sort()).toEqual([...want].sort());
  });

  it('a filtered show license all alone: what it shows is read, what it removed gives no finding', async () => {
    const path = join(tmp, 'filtered-only.log');
    await writeFile(
      path,
      'fw1# show license all | include Status|Type\nSmart Licensing Status\n  Status: REGISTERED\n  Status: AUTHORIZED on Jan 20 2023 10:59:10 UTC\n  Status: DISABLED\n  Type: Callhome\nfw1# \n',
    );
    const r = await runCli(['audit', '--from', path, '--json', '--no-history', '--now', '2023-02-01'], {
      cwd: tmp,
    });
    const a = JSON.parse(r.out).devices[0];
    expect(a.facts).toMatchObject({ registration: 'REGISTERED', authorization: 'AUTHORIZED' });
    expect(a.findings.map((f: { code: string }) => f.code)).toEqual([
      'TRANSPORT_CALLHOME',
      'LICENSE_NOT_COLLECTED',
    ]);
    expect(a.findings[1].summary).toContain('filtered');
    expect(a.timeline).toEqual([]);
  });
});
