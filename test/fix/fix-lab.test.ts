// `smartlic fix` end to end on the built-in lab, over real SSH to the emulated ASAs and real HTTPS
// to the lab's License Authority: smartreceiver.cisco.com blocked for two devices, a month passes,
// a plan changes nothing, `fix --apply --yes` moves both to Call Home and they are AUTHORIZED
// again; one is unblocked, `fix --strategy smart --apply --yes` moves it back to Smart Transport
// (it renews), while the still-blocked one is rolled back to Call Home with the reason. Devices
// that need nothing are byte-identical in running config throughout; the history shows it all.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryOutputSchema } from '../../src/audit/history/contract.ts';
import { HOUR } from '../../src/core/time.ts';
import { type FixReport, FixReportSchema } from '../../src/fix/contract.ts';
import { BUILTIN_DEVICES, builtinLab } from '../../src/lab/builtin.ts';
import { type Lab, startLab } from '../../src/lab/lab.ts';
import { parseRunningConfig, parseShowLicense } from '../../src/text/index.ts';
import { runCli } from '../helpers/cli.ts';
import { sshExec } from '../lab/ssh.ts';

const DAY = 24 * HOUR;
const B = BUILTIN_DEVICES;
// The two whose smartreceiver.cisco.com is cut, and two that need nothing (Smart Transport
// through a proxy that works; a 9.20 Firepower on Call Home, its release's default).
const FIXED = [B.healthy, B.commFailing];
const UNTOUCHED = [B.proxy, B.fpr2100];

const dir = mkdtempSync(join(tmpdir(), 'smartlic-fix-lab-'));
const password = `pw-${process.pid}-fix`;
let lab: Lab;

const device = (name: string) => {
  const d = lab.device(name);
  if (!d) throw new Error(`lab has no ${name}`);
  return d;
};
const runningConfig = (name: string) => sshExec(device(name), 'show running-config');
const licenseOf = async (name: string) =>
  parseShowLicense(await sshExec(device(name), 'show license all')).data;
const transportLines = async (name: string) =>
  parseRunningConfig(await sshExec(device(name), 'show running-config license')).data.license?.transport;

const fix = async (...argv: string[]) => {
  const r = await runCli(
    [
      'fix',
      '--inventory',
      'hosts.yaml',
      '--known-hosts',
      'known_hosts',
      '--db',
      'history.db',
      '--poll',
      '0.2',
      ...argv,
    ],
    { cwd: dir, env: { LAB_PW: password } },
  );
  return { ...r, report: argv.includes('--json') ? (JSON.parse(r.out) as FixReport) : undefined };
};
const row = (report: FixReport | undefined, name: string) => report?.devices.find((d) => d.device === name);

let untouchedBefore: string[];

beforeAll(async () => {
  lab = await startLab(builtinLab({ password, start: '2026-01-12T13:09:43Z' }), {
    stateDir: join(dir, 'lab'),
  });
  const names = [...FIXED, ...UNTOUCHED];
  writeFileSync(
    join(dir, 'known_hosts'),
    names.map((n) => `[127.0.0.1]:${device(n).port} ${device(n).hostPublicKey}\n`).join(''),
  );
  writeFileSync(
    join(dir, 'hosts.yaml'),
    [
      'defaults: { username: admin, password_env: LAB_PW, enable_password_env: LAB_PW }',
      'devices:',
      ...names.map((n) => `  - { name: ${n}, host: 127.0.0.1, port: ${device(n).port} }`),
    ].join('\n'),
  );
  for (const name of FIXED) lab.policy.block('smartreceiver.cisco.com', 'drop', name);
  await lab.advance(31 * DAY);
  untouchedBefore = await Promise.all(UNTOUCHED.map(runningConfig));
}, 90_000);

afterAll(async () => {
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('smartlic fix on the built-in lab', () => {
  it('a plan says what, why, the lines and how it is verified, and changes nothing', async () => {
    const before = await Promise.all(FIXED.map(runningConfig));
    const { code, out, err } = await fix();
    expect(err).toBe('');
    expect(code).toBe(0);
    for (const name of FIXED) {
      const block = out.slice(out.indexOf(`== ${name}:`)).split('\n\n')[0] ?? '';
      expect(block).toMatch(/planned: move licensing to Call Home/);
      expect(block).toMatch(/why +COMM_FAILING|why +AUTH_EXPIRED/);
      expect(block).toMatch(
        /evidence +transport smart https:\/\/smartreceiver\.cisco\.com\/licservice\/license \(show license all\)/,
      );
      expect(block).toMatch(/\n {3}change {4}license smart\n {15}transport type callhome\n/);
      expect(block).toContain('renew     license smart renew auth');
      expect(block).toMatch(
        /verify +poll show license all every 0\.2 s .* Last Communication Attempt is a SUCCESS dated after the change/,
      );
      expect(block).toMatch(/\n {3}rollback {2}license smart\n {15}no transport type callhome(\n|$)/);
    }
    for (const name of UNTOUCHED) expect(out).toMatch(new RegExp(`== ${name}: nothing to do: `));
    expect(out).toContain('Run again with --apply');
    expect(await Promise.all(FIXED.map(runningConfig))).toEqual(before);
    expect(await Promise.all(UNTOUCHED.map(runningConfig))).toEqual(untouchedBefore);
  });

  it('--apply --yes moves both to Call Home; they renew and are AUTHORIZED again, and it is saved', async () => {
    const { code, report, err } = await fix('--apply', '--yes', '--json');
    expect(err).toBe('');
    expect(FixReportSchema.parse(report)).toBeTruthy();
    for (const name of FIXED) {
      const d = row(report, name);
      expect(d?.outcome, d?.message).toBe('fixed');
      expect(d?.plan?.strategy).toBe('callhome');
      expect(d?.result?.renewal?.result).toBe('renewed');
      expect(d?.result?.written).toBe(true);
      expect(d?.result?.transportAfter?.lines).toEqual(['transport type callhome']);
      const lic = await licenseOf(name);
      expect(lic.authorization?.status).toBe('AUTHORIZED');
      expect(lic.authorization?.lastCommunicationAttempt?.result).toBe('SUCCEEDED');
      expect(lic.transport?.type).toBe('callhome');
      expect(await sshExec(device(name), 'show startup-config')).toContain(' transport type callhome');
    }
    for (const name of UNTOUCHED) expect(row(report, name)?.outcome).toBe('nothing-to-do');
    expect(code).toBe(0);
    expect(await Promise.all(UNTOUCHED.map(runningConfig))).toEqual(untouchedBefore);
  });

  it('--strategy smart: the unblocked one goes back to Smart Transport, the blocked one is rolled back to Call Home and says why', async () => {
    const [back, stillBlocked] = FIXED as [string, string];
    lab.policy.unblock('smartreceiver.cisco.com', back);
    // Time passes before the revert (the proof is a renewal newer than the change).
    await lab.advance(HOUR);
    const { code, out } = await fix('--strategy', 'smart', '--apply', '--yes');
    expect(code).toBe(1);
    expect(out).toMatch(
      new RegExp(`== ${back}: fixed: now on Smart Transport: Last Communication Attempt: SUCCEEDED`),
    );
    expect(out).toMatch(
      new RegExp(
        `== ${stillBlocked}: rolled back: the renewal over Smart Transport was not proven: Last Communication Attempt: FAILED on \\S+ \\(Communication message send error\\); rolled back: restored \`transport type callhome\`; renewal over the restored transport: Last Communication Attempt: SUCCEEDED`,
      ),
    );
    expect(await transportLines(back)).toEqual({ type: 'smart' });
    expect((await licenseOf(back)).authorization?.lastCommunicationAttempt?.result).toBe('SUCCEEDED');
    expect(await transportLines(stillBlocked)).toEqual({ type: 'callhome' });
    const blocked = await licenseOf(stillBlocked);
    expect(blocked.authorization?.status).toBe('AUTHORIZED');
    expect(blocked.transport?.type).toBe('callhome');
    // Only the verified change was saved.
    expect(await sshExec(device(back), 'show startup-config')).toContain(' transport type smart');
    expect(await sshExec(device(stillBlocked), 'show startup-config')).toContain(' transport type callhome');
    expect(await Promise.all(UNTOUCHED.map(runningConfig))).toEqual(untouchedBefore);
  });

  it('smartlic history shows every planned and applied fix with the transport before and after', async () => {
    const json = await runCli(['history', '--db', 'history.db', '--json'], { cwd: dir, env: {} });
    expect(json.code).toBe(0);
    const history = HistoryOutputSchema.parse(JSON.parse(json.out));
    const [back, stillBlocked] = FIXED as [string, string];
    expect(history.fixes[back]?.map((f) => [f.mode, f.outcome, f.transportBefore, f.transportAfter])).toEqual(
      [
        ['plan', 'planned', 'smart', null],
        ['apply', 'fixed', 'smart', 'callhome'],
        ['apply', 'fixed', 'callhome', 'smart'],
      ],
    );
    expect(history.fixes[stillBlocked]?.at(-1)).toMatchObject({
      mode: 'apply',
      strategy: 'smart',
      outcome: 'rolled-back',
      transportBefore: 'callhome',
      transportAfter: 'callhome',
      verification: 'failed',
    });
    expect(history.fixes[B.proxy]?.every((f) => f.outcome === 'nothing-to-do')).toBe(true);
    const text = await runCli(['history', back, '--db', 'history.db'], { cwd: dir, env: {} });
    expect(text.out).toContain(`== ${back}`);
    expect(text.out).toMatch(/apply +│ smart +│ fixed +│ callhome -> smart/);
  });
});
