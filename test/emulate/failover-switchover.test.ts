// Switchover of an emulated failover pair over real SSH (OpenSSH): `failover active` on the
// standby and `no failover active` on the active unit swap the units' states, prompts and `show
// failover`; the pair's one licensing agent keeps its state and is run by the new active unit
// (through that unit's own network path, still with the pair's identity); `failover cluster up`
// keeps counting. The standby warns at `configure terminal`, keeps what is configured on it to
// itself and refuses to drive licensing; reloading the active unit makes its mate active.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRequest, LicensingTransport } from '../../src/core/agent/protocol.ts';
import { simulatedAuthority } from '../../src/core/agent/simulated-authority.ts';
import { DAY, HOUR } from '../../src/core/time.ts';
import type { RunningDevice } from '../../src/emulate/index.ts';
import {
  parsePromptLine,
  parseShowLicense,
  parseShowVersion,
  STANDBY_CONFIG_WARNING,
} from '../../src/text/index.ts';
import { Expect } from './expect.ts';
import { clientAvailable, ENABLE, runClient, sshArgs, startTestLab, type TestLab } from './helpers.ts';

const T0 = Date.parse('2026-01-12T13:09:43Z');
const LICENSE = 'license smart\n feature tier standard\n throughput level 1G\n';
const sim = simulatedAuthority();
/** What each unit's network path carried: the unit's name and the request. */
const sent: { unit: string; request: AgentRequest }[] = [];

let lab: TestLab;
let haveSsh = false;

const unit = (name: string): RunningDevice => {
  const d = lab.devices.find((x) => x.name === name);
  if (!d) throw new Error(`no unit ${name}`);
  return d;
};
const exec = (name: string, command: string) => runClient('ssh', [...sshArgs(lab, unit(name).port), command]);

/** An interactive OpenSSH session on a unit, privileged, pager off. */
async function shell(name: string): Promise<Expect> {
  const s = new Expect('ssh', ['-tt', ...sshArgs(lab, unit(name).port)]);
  await s.expect(/> $/);
  s.send('enable\r');
  await s.expect('Password: ');
  s.send(`${ENABLE}\r`);
  await s.expect(/# $/);
  s.send('terminal pager 0\r');
  await s.expect(/# $/);
  return s;
}
/** Type a line, return what came back up to the next prompt. */
async function type(s: Expect, line: string): Promise<string> {
  s.send(`${line}\r`);
  return (await s.expect(/[#>] $/)).replaceAll('\r\n', '\n');
}
const promptOf = (reply: string) => parsePromptLine(reply.split('\n').at(-1) ?? '');

beforeAll(async () => {
  haveSsh = clientAvailable('OpenSSH client', 'ssh', ['-V']);
  lab = await startTestLab(
    [
      {
        name: 'ha',
        hostname: 'fw',
        licensing: 'registered',
        startupConfig: LICENSE,
        failover: { secondary: { serial: 'JAD2222SEC' } },
      },
      { name: 'hactx', hostname: 'fw', contexts: ['admin'], failover: true },
      { name: 'single', hostname: 'fw' },
    ],
    {
      now: T0,
      transportFor: (name): LicensingTransport => ({
        exchange: async (request, _target, at) => {
          sent.push({ unit: name, request });
          return sim(request, at);
        },
      }),
    },
  );
});

afterAll(async () => {
  await lab?.close();
});

describe('failover switchover over SSH', () => {
  it('failover active on the standby makes it active and its mate standby; the agent follows', async () => {
    if (!haveSsh) return;
    const primarySerial = unit('ha-pri').device.serial;
    // On the unit already active, `failover active` does nothing.
    const noop = await exec('ha-pri', 'failover active');
    expect(noop.status, noop.stdout).toBe(0);
    expect(unit('ha-pri').unit?.state).toBe('active');

    lab.clock.set(T0 + 3 * HOUR);
    const sec = await shell('ha-sec');
    try {
      expect(promptOf(await type(sec, ''))?.text).toBe('fw/sec/stby#');
      const reply = await type(sec, 'failover active');
      expect(promptOf(reply)).toMatchObject({ text: 'fw/sec/act#', unit: 'secondary', state: 'active' });
      sec.send('exit\r');
      await sec.wait();
    } finally {
      sec.kill();
    }
    expect(unit('ha-pri').unit?.state).toBe('standby');
    expect(unit('ha-sec').unit?.state).toBe('active');

    lab.clock.set(T0 + 4 * HOUR);
    const onSec = (await exec('ha-sec', 'show failover')).stdout;
    expect(onSec).toMatch(/This host: Secondary - Active $/m);
    expect(onSec).toMatch(/Other host: Primary - Standby Ready $/m);
    expect(onSec).toContain('Last Failover at: 16:09:43 UTC Jan 12 2026');
    expect(onSec).toMatch(/This host: Secondary - Active \n\s+Active time: 3600 \(sec\)/);
    const onPri = (await exec('ha-pri', 'show failover')).stdout;
    expect(onPri).toMatch(/This host: Primary - Standby Ready $/m);
    expect(onPri).toMatch(/Other host: Secondary - Active $/m);
    expect(onPri).toContain('Last Failover at: 16:09:43 UTC Jan 12 2026');
    // The pair has been up 4 hours, through the switchover.
    expect((await exec('ha-sec', 'show version')).stdout).toMatch(/^failover cluster up 4 hours 0 mins$/m);

    const pri = await shell('ha-pri');
    try {
      expect(promptOf(await type(pri, ''))?.text).toBe('fw/pri/stby#');
    } finally {
      pri.kill();
    }

    // The new active unit runs the pair's agent, through its own network path, as the pair.
    expect(unit('ha-pri').nextDueAt()).toBeUndefined();
    const due = unit('ha-sec').nextDueAt();
    expect(due).toBeGreaterThan(lab.clock.now());
    lab.clock.set(T0 + 40 * DAY);
    sent.length = 0;
    await unit('ha-sec').runDue(lab.clock.now());
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent.map((s) => s.unit))).toEqual(new Set(['ha-sec']));
    for (const { request } of sent)
      if ('udi' in request) expect(request.udi.sn, 'the pair registered as its primary').toBe(primarySerial);
    const active = parseShowLicense((await exec('ha-sec', 'show license all')).stdout).data;
    const standby = parseShowLicense((await exec('ha-pri', 'show license all')).stdout).data;
    expect(active.registration?.status).toBe('REGISTERED');
    expect(active.authorization?.lastCommunicationAttempt?.result).toBe('SUCCEEDED');
    // An attempt the new active unit made after the switchover.
    expect(Date.parse(active.authorization?.lastCommunicationAttempt?.at ?? '')).toBeGreaterThanOrEqual(
      due ?? Number.NaN,
    );
    expect(standby.registration).toEqual(active.registration);
    expect(standby.authorization).toEqual(active.authorization);
    expect(active.udi?.sn).toBe('JAD2222SEC');
    expect(standby.udi?.sn).toBe(primarySerial);
  });

  it('no failover active on the active unit hands the active state back to its mate', async () => {
    if (!haveSsh) return;
    // On the standby it does nothing.
    expect((await exec('ha-pri', 'no failover active')).status).toBe(0);
    expect(unit('ha-pri').unit?.state).toBe('standby');
    const r = await exec('ha-sec', 'no failover active');
    expect(r.status, r.stdout).toBe(0);
    expect(unit('ha-pri').unit?.state).toBe('active');
    expect(unit('ha-sec').unit?.state).toBe('standby');
    expect((await exec('ha-pri', 'show failover')).stdout).toMatch(/This host: Primary - Active $/m);
    expect(unit('ha-sec').nextDueAt()).toBeUndefined();
    expect(unit('ha-pri').nextDueAt()).toBeGreaterThan(lab.clock.now());
  });

  it('the standby warns at configure terminal and keeps what is configured on it to itself', async () => {
    if (!haveSsh) return;
    const sec = await shell('ha-sec');
    const pri = await shell('ha-pri');
    try {
      const warned = await type(sec, 'configure terminal');
      expect(warned).toContain(`${STANDBY_CONFIG_WARNING}\n`);
      expect(promptOf(warned)?.text).toBe('fw/sec/stby(config)#');
      expect(promptOf(await type(sec, 'hostname lonely'))?.text).toBe('lonely/sec/stby(config)#');
      await type(sec, 'end');
      // Not replicated to the active unit.
      expect(promptOf(await type(pri, ''))?.text).toBe('fw/pri/act#');
      const activeConf = await type(pri, 'configure terminal');
      expect(activeConf).not.toContain('WARNING');
      await type(pri, 'end');
    } finally {
      sec.kill();
      pri.kill();
    }
  });

  it('the standby refuses to drive licensing, naming the active unit; the agent is untouched', async () => {
    if (!haveSsh) return;
    const before = unit('ha-pri').licenseView(lab.clock.now());
    for (const command of [
      'license smart register idtoken T0k3n force',
      'license smart deregister',
      'license smart renew auth',
    ]) {
      const r = await exec('ha-sec', command);
      expect(r.status, command).toBe(1);
      expect(r.stdout).toMatch(/^ERROR: .*Active unit \(Primary\)/m);
    }
    await unit('ha-pri').device.licensing.idle();
    expect(unit('ha-pri').licenseView(lab.clock.now())).toEqual(before);
    expect(unit('ha-pri').nextDueAt()).toBe(unit('ha-pri').device.licensing.nextDueAt());
  });

  it('reloading the active unit makes its mate active; it comes back standby with the pair configuration', async () => {
    if (!haveSsh) return;
    const registration = unit('ha-pri').licenseView(lab.clock.now()).registration;
    lab.clock.set(lab.clock.now() + HOUR);
    await unit('ha-pri').reload(lab.clock.now());
    expect(unit('ha-sec').unit?.state).toBe('active');
    expect(unit('ha-pri').unit?.state).toBe('standby');
    // The pair's agent was not reloaded: it is as registered as it was.
    expect(unit('ha-sec').licenseView(lab.clock.now()).registration).toEqual(registration);
    // The secondary's own hostname (entered while it was standby) is the pair's now.
    const pri = await shell('ha-pri');
    try {
      expect(promptOf(await type(pri, ''))?.text).toBe('lonely/pri/stby#');
    } finally {
      pri.kill();
    }
    const up = parseShowVersion((await exec('ha-pri', 'show version')).stdout).data;
    expect(up.hostname).toBe('lonely');
  });

  it('in multiple context mode the switchover is typed in the system context', async () => {
    if (!haveSsh) return;
    const s = await shell('hactx-sec');
    try {
      expect(await type(s, 'failover active')).toContain("ERROR: % Invalid input detected at '^' marker.");
      expect(promptOf(await type(s, 'changeto system'))?.text).toBe('fw/sec/stby#');
      expect(promptOf(await type(s, 'failover active'))?.text).toBe('fw/sec/act#');
      expect(promptOf(await type(s, 'changeto context admin'))?.text).toBe('fw/admin/sec/act#');
    } finally {
      s.kill();
    }
    expect(unit('hactx-pri').unit?.state).toBe('standby');
  });

  it('a device that is no pair unit refuses failover active', async () => {
    if (!haveSsh) return;
    const r = await exec('single', 'failover active');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('ERROR: Failover is not configured.');
  });
});
