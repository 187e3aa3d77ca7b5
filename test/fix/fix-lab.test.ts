// `smartlic fix` end to end on the built-in lab, over real SSH to the emulated ASAs and real HTTPS
// to the lab's License Authority: smartreceiver.cisco.com blocked for two devices, a month passes,
// a plan changes nothing, `fix --apply --yes` moves both to Call Home and they are AUTHORIZED
// again; one is unblocked, `fix --strategy smart --apply --yes` moves it back to Smart Transport
// (it renews), while the still-blocked one is rolled back to Call Home with the reason. Devices
// that need nothing are byte-identical in running config throughout; the history shows it all.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HistoryOutputSchema } from '../../src/audit/history/contract.ts';
import { DAY, HOUR } from '../../src/core/time.ts';
import { EXIT } from '../../src/errors.ts';
import { type FixReport, FixReportSchema } from '../../src/fix/contract.ts';
import { BUILTIN_DEVICES as B } from '../../src/lab/builtin.ts';
import { runCli } from '../helpers/cli.ts';
import { sshExec } from '../lab/ssh.ts';
import { FIXED, type FixLab, startFixLab, UNTOUCHED } from './lab.ts';

let f: FixLab;
let dir: string;
let password: string;
let untouchedBefore: string[];
const device = (name: string) => f.device(name);
const runningConfig = (name: string) => f.runningConfig(name);
const licenseOf = (name: string) => f.licenseOf(name);
const transportLines = (name: string) => f.transportOf(name);

const fix = async (...argv: string[]) => fixTyped(undefined, ...argv);
async function fixTyped(typed: string | undefined, ...argv: string[]) {
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
    { cwd: dir, env: { LAB_PW: password }, ...(typed === undefined ? {} : { typed }) },
  );
  return { ...r, report: argv.includes('--json') ? (JSON.parse(r.out) as FixReport) : undefined };
}
const row = (report: FixReport | undefined, name: string) => report?.devices.find((d) => d.device === name);

beforeAll(async () => {
  f = await startFixLab('fix-lab', `pw-${process.pid}-fix`);
  ({ dir, password, untouchedBefore } = f);
  writeFileSync(
    join(dir, 'hosts.yaml'),
    [
      'defaults: { username: admin, password_env: LAB_PW, enable_password_env: LAB_PW }',
      'devices:',
      ...[...FIXED, ...UNTOUCHED].map((n) => `  - { name: ${n}, host: 127.0.0.1, port: ${device(n).port} }`),
    ].join('\n'),
  );
}, 90_000);

afterAll(async () => f?.close());

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

  it('a saved audit gives the same plans without SSH', async () => {
    const audit = await runCli(
      [
        'audit',
        '--inventory',
        'hosts.yaml',
        '--known-hosts',
        'known_hosts',
        '--now',
        'device',
        '--json',
        '--no-history',
      ],
      { cwd: dir, env: { LAB_PW: password } },
    );
    writeFileSync(join(dir, 'audit.json'), audit.out);
    const live = await fix('--json', '--no-history');
    const saved = await runCli(
      ['fix', '--from-audit', 'audit.json', '--json', '--no-history', '--poll', '0.2'],
      {
        cwd: dir,
        env: {},
      },
    );
    expect(saved.code, saved.err).toBe(0);
    const plans = (r: FixReport) =>
      r.devices.map((d) => [d.device, d.outcome, d.plan?.strategy, d.plan?.lines]);
    expect(plans(JSON.parse(saved.out) as FixReport)).toEqual(plans(live.report as FixReport));
  });

  it('--apply asks first: no terminal and no --yes is a usage error; answering no changes nothing', async () => {
    const before = await Promise.all(FIXED.map(runningConfig));
    const refused = await fix('--apply');
    expect(refused.code).toBe(EXIT.USAGE);
    expect(refused.err).toMatch(/give --yes to apply without asking \(nothing was changed\)/);
    const declined = await fixTyped('no\n', '--apply');
    expect(declined.err).toMatch(/Apply the planned changes to 2 device\(s\)\? Type yes to go on:/);
    expect(declined.out).toMatch(new RegExp(`== ${B.healthy}: not applied: declined: nothing was changed`));
    expect(declined.code).toBe(1);
    expect(await Promise.all(FIXED.map(runningConfig))).toEqual(before);
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

  it('a saved plan is applied only where the device still calls for it', async () => {
    // The audit was saved before the move to Call Home: its plan (callhome) is no longer what
    // the devices call for.
    const { code, report } = await fix(
      '--from-audit',
      'audit.json',
      '--apply',
      '--yes',
      '--json',
      '--no-history',
    );
    expect(code).toBe(1);
    for (const name of FIXED) {
      expect(row(report, name)?.outcome).toBe('not-applied');
      expect(row(report, name)?.message).toMatch(
        /the device changed since the plan was made \(it now calls for: revert to Smart Transport/,
      );
      expect(await transportLines(name)).toEqual({ type: 'callhome' });
    }
  });

  it('--strategy smart: the unblocked one goes back to Smart Transport, the blocked one is rolled back to Call Home and says why', async () => {
    const [back, stillBlocked] = FIXED;
    f.lab.policy.unblock('smartreceiver.cisco.com', back);
    // Time passes before the revert (the proof is a renewal newer than the change).
    await f.lab.advance(HOUR);
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

  it('--strategy proxy: Smart Transport through the lab proxy renews; CSCwr56980 is named', async () => {
    const [, stillBlocked] = FIXED;
    await f.lab.advance(HOUR);
    const { code, report } = await fix(
      '--strategy',
      'proxy',
      '--proxy',
      'proxy.lab.example:3128',
      '-l',
      stillBlocked,
      '--apply',
      '--yes',
      '--json',
    );
    const d = row(report, stillBlocked);
    expect(d?.outcome, d?.message).toBe('fixed');
    expect(d?.plan?.lines).toEqual(['transport type smart', 'transport proxy proxy.lab.example port 3128']);
    expect(d?.plan?.rollback).toEqual([
      'transport type callhome',
      'no transport proxy proxy.lab.example port 3128',
    ]);
    expect(d?.plan?.warnings.join('\n')).toMatch(/^CSCwr56980: /);
    expect(report?.devices).toHaveLength(1);
    expect(code).toBe(0);
    expect(await transportLines(stillBlocked)).toEqual({
      type: 'smart',
      proxy: { host: 'proxy.lab.example', port: 3128 },
    });
  });

  it('--strategy renew renews where communication failed and the path is back, and changes no line', async () => {
    const [back] = FIXED;
    f.lab.policy.block('smartreceiver.cisco.com', 'drop', back);
    await f.lab.advance(31 * DAY);
    f.lab.policy.unblock('smartreceiver.cisco.com', back);
    const config = await runningConfig(back);
    const { code, report } = await fix('--strategy', 'renew', '-l', back, '--apply', '--yes', '--json');
    const d = row(report, back);
    expect(d?.plan?.why.map((w) => w.code)).toContain('COMM_FAILING');
    expect(d?.outcome, d?.message).toBe('fixed');
    expect(d?.plan?.lines).toEqual([]);
    expect(d?.result?.written).toBe(null);
    expect(code).toBe(0);
    expect(await runningConfig(back)).toBe(config);
  });

  it('Ctrl-C during a verification ends it and rolls back (a renewal that cannot be told apart is never proven)', async () => {
    // asa-callhome renews now, on a frozen clock; then over Smart Transport its new attempt bears
    // the same second and result as the one before: unproven, the fix waits for its deadline.
    const name = B.callhome;
    f.lab.policy.unblock('smartreceiver.cisco.com', name);
    writeFileSync(
      join(dir, 'kh-callhome'),
      `[127.0.0.1]:${device(name).port} ${device(name).hostPublicKey}\n`,
    );
    writeFileSync(
      join(dir, 'callhome.yaml'),
      `devices:\n  - { name: ${name}, host: 127.0.0.1, port: ${device(name).port}, username: admin, password_env: LAB_PW, enable_password_env: LAB_PW }\n`,
    );
    await sshExec(device(name), 'license smart renew auth');
    const before = await runningConfig(name);
    const running = runCli(
      [
        'fix',
        '-i',
        'callhome.yaml',
        '--known-hosts',
        'kh-callhome',
        '--no-history',
        '--poll',
        '0.2',
        '--verify-timeout',
        '60',
        '--strategy',
        'smart',
        '--apply',
        '--yes',
        '--json',
      ],
      { cwd: dir, env: { LAB_PW: password } },
    );
    await new Promise((r) => setTimeout(r, 2500));
    process.emit('SIGINT');
    const { code, out, err } = await running;
    expect(err).toMatch(
      /interrupted: no further device is started; a verification in progress ends and rolls back/,
    );
    expect(code).toBe(130);
    const d = (JSON.parse(out) as FixReport).devices[0];
    expect(d?.outcome).toBe('rolled-back');
    expect(d?.result?.renewal?.result).toBe('interrupted');
    expect(d?.message).toMatch(
      /interrupted before it was proven \(Last Communication Attempt is still the one before the change\)/,
    );
    expect(await runningConfig(name)).toBe(before);
  });

  it('smartlic history shows every planned and applied fix with the transport before and after', async () => {
    const json = await runCli(['history', '--db', 'history.db', '--json'], { cwd: dir, env: {} });
    expect(json.code).toBe(0);
    const history = HistoryOutputSchema.parse(JSON.parse(json.out));
    const [back, stillBlocked] = FIXED;
    expect(history.fixes[back]?.map((f) => [f.mode, f.outcome, f.transportBefore, f.transportAfter])).toEqual(
      [
        ['plan', 'planned', 'smart', null],
        ['apply', 'not-applied', 'smart', null],
        ['apply', 'fixed', 'smart', 'callhome'],
        ['apply', 'fixed', 'callhome', 'smart'],
        ['apply', 'fixed', 'smart', 'smart'],
      ],
    );
    expect(history.fixes[stillBlocked]?.find((f) => f.strategy === 'smart')).toMatchObject({
      mode: 'apply',
      strategy: 'smart',
      outcome: 'rolled-back',
      transportBefore: 'callhome',
      transportAfter: 'callhome',
      verification: 'failed',
    });
    expect(history.fixes[B.proxy]?.every((f) => f.outcome === 'nothing-to-do')).toBe(true);
    // No secret in the store (the WAL holds rows until a checkpoint: read it too).
    const stored = ['history.db', 'history.db-wal']
      .map((f) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f)).toString('latin1') : ''))
      .join('');
    expect(stored).toContain(back);
    expect(stored).not.toContain(password);
    const text = await runCli(['history', back, '--db', 'history.db'], { cwd: dir, env: {} });
    expect(text.out).toContain(`== ${back}`);
    expect(text.out).toMatch(/apply +│ smart +│ fixed +│ callhome -> smart/);
  });
});
