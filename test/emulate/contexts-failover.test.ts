// Multiple context mode and failover pairs on the emulated ASA, through startDevices (the wiring
// the lab uses) and interactive sessions on the running units: prompts the text layer reads as a
// collector does, `changeto`, licensing only in the system context, the user context's show
// version, `show failover` / `show mode`, and a standby that prints the pair's licensing state.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LicensingTransport } from '../../src/core/agent/protocol.ts';
import { simulatedAuthority } from '../../src/core/agent/simulated-authority.ts';
import { DAY } from '../../src/core/time.ts';
import { type RunningDevice, startDevices } from '../../src/emulate/index.ts';
import { parsePromptLine, parseShowLicense, parseShowVersion } from '../../src/text/index.ts';
import { attachShell, type CliHarness, ENABLE_PASSWORD, enable } from './cli-session.ts';

const T0 = Date.parse('2026-01-12T13:09:43Z');
let now = T0;
const sim = simulatedAuthority();
const healthy: LicensingTransport = { exchange: async (request, _target, at) => sim(request, at) };
const LICENSE = 'license smart\n feature tier standard\n throughput level 1G\n';
const login = {
  hostname: 'fw',
  password: 'pw',
  enablePassword: ENABLE_PASSWORD,
  licensing: 'registered' as const,
  startupConfig: LICENSE,
};

let devices: RunningDevice[] = [];
const shells: CliHarness[] = [];
const unit = (name: string) => {
  const d = devices.find((x) => x.name === name);
  if (!d) throw new Error(`no unit ${name}`);
  return d;
};
async function session(name: string): Promise<CliHarness> {
  const h = await attachShell(unit(name).device);
  shells.push(h);
  return h;
}
async function privileged(name: string): Promise<CliHarness> {
  return enable(await session(name), { pagerOff: true });
}
/** The prompt a reply ends with, as the collector reads it. */
const promptOf = (reply: string) => parsePromptLine(reply.split('\n').at(-1) ?? '');

beforeAll(async () => {
  devices = await startDevices(
    [
      { name: 'single', ...login },
      { name: 'ctx', ...login, contexts: ['admin', 'dmz'] },
      { name: 'ha', ...login, failover: { secondary: { serial: 'JAD2222SEC' } } },
      { name: 'hactx', ...login, contexts: ['admin'], failover: true },
    ],
    { clock: { now: () => now }, transportFor: () => healthy },
  );
});

afterAll(async () => {
  for (const h of shells) await h.close();
  await Promise.all(devices.map((d) => d.close()));
});

describe('multiple context mode', () => {
  it('a login lands in the admin context: fw/admin>, then fw/admin#', async () => {
    const h = await session('ctx');
    expect(promptOf(await h.type(''))).toMatchObject({
      text: 'fw/admin>',
      context: 'admin',
      privileged: false,
    });
    await h.type('enable');
    expect(promptOf(await h.type('en'))).toMatchObject({ text: 'fw/admin#', context: 'admin' });
    expect(await h.type('show mode')).toContain('Security context mode: multiple');
  });

  it("in a user context: show version is the context's, licensing commands do not exist", async () => {
    const h = await privileged('ctx');
    const version = parseShowVersion(await h.type('show version')).data;
    expect(version.software).toEqual({ version: '9.22(1)1', context: 'context' });
    expect(version.featuresScope).toBe('user context');
    const refused = await h.type('show license all');
    expect(refused).toContain("ERROR: % Invalid input detected at '^' marker.");
    expect(refused).not.toContain('Smart Licensing');
    expect(await h.type('show running-config license')).toContain('ERROR: % Invalid input');
    expect(await h.type('license smart renew auth')).toContain('ERROR: % Invalid input');
    expect(await h.type('show running-config')).not.toMatch(/^license smart/m);
    await h.type('configure terminal');
    expect(await h.type('license smart')).toContain('ERROR: % Invalid input');
    await h.type('end');
  });

  it('changeto system: fw#, the platform features and the licensing screens', async () => {
    const h = await privileged('ctx');
    const reply = await h.type('changeto system');
    expect(promptOf(reply)).toMatchObject({ text: 'fw#', privileged: true });
    expect(promptOf(reply)?.context).toBeUndefined();
    const version = parseShowVersion(await h.type('show version')).data;
    // The system context prints `<context>` too (corpus genieparser-asa 3, a 9300 in multiple mode).
    expect(version.software?.context).toBe('context');
    expect(version.featuresScope).toBe('platform');
    const licence = parseShowLicense(await h.type('show license all')).data;
    expect(licence.registration?.status).toBe('REGISTERED');
    expect(await h.type('show running-config license')).toContain('feature tier standard');
  });

  it('changeto context X moves between contexts; an unknown one is refused', async () => {
    const h = await privileged('ctx');
    expect(promptOf(await h.type('changeto context dmz'))?.text).toBe('fw/dmz#');
    const unknown = await h.type('changeto context nowhere');
    expect(unknown).toContain('ERROR: Context "nowhere" does not exist');
    expect(promptOf(unknown)?.text).toBe('fw/dmz#');
    expect(promptOf(await h.type('changeto system'))?.text).toBe('fw#');
    expect(promptOf(await h.type('changeto context admin'))?.text).toBe('fw/admin#');
  });

  it('single context mode has no changeto', async () => {
    const h = await privileged('single');
    expect(await h.type('changeto system')).toContain("ERROR: % Invalid input detected at '^' marker.");
    expect(await h.type('show mode')).toContain('Security context mode: single');
    expect(await h.type('show failover')).toMatch(/^Failover Off$/m);
    expect(parseShowVersion(await h.type('show version')).data.software?.context).toBeUndefined();
  });
});

describe('failover pairs', () => {
  it('two units with their own serial and port: fw/pri/act# and fw/sec/stby#', async () => {
    const pri = await privileged('ha-pri');
    const sec = await privileged('ha-sec');
    expect(promptOf(await pri.type(''))).toMatchObject({
      text: 'fw/pri/act#',
      unit: 'primary',
      state: 'active',
    });
    expect(promptOf(await sec.type(''))).toMatchObject({
      text: 'fw/sec/stby#',
      unit: 'secondary',
      state: 'standby',
    });
    expect(unit('ha-pri').port).not.toBe(unit('ha-sec').port);
    expect(unit('ha-sec').device.serial).toBe('JAD2222SEC');
    expect(unit('ha-pri').unit).toEqual({ pair: 'ha', role: 'primary', state: 'active' });
  });

  it('show failover: this host and the other, ours and mate', async () => {
    const pri = await privileged('ha-pri');
    const sec = await privileged('ha-sec');
    const a = await pri.type('show failover');
    expect(a).toMatch(/^Failover On $/m);
    expect(a).toMatch(/^Failover unit Primary$/m);
    expect(a).toMatch(/This host: Primary - Active $/m);
    expect(a).toMatch(/Other host: Secondary - Standby Ready $/m);
    expect(a).toContain(`Serial Number: Ours ${unit('ha-pri').device.serial}, Mate JAD2222SEC`);
    const b = await sec.type('show failover');
    expect(b).toMatch(/^Failover unit Secondary$/m);
    expect(b).toMatch(/This host: Secondary - Standby Ready $/m);
    expect(b).toContain(`Serial Number: Ours JAD2222SEC, Mate ${unit('ha-pri').device.serial}`);
  });

  it("the standby prints the pair's licensing state with its own UDI; only the active unit runs the agent", async () => {
    const pri = await privileged('ha-pri');
    const sec = await privileged('ha-sec');
    expect(unit('ha-sec').nextDueAt()).toBeUndefined();
    expect(unit('ha-pri').nextDueAt()).toBeGreaterThan(now);
    now = T0 + 40 * DAY;
    await unit('ha-pri').runDue(now);
    const active = parseShowLicense(await pri.type('show license all')).data;
    const standby = parseShowLicense(await sec.type('show license all')).data;
    expect(active.authorization?.lastCommunicationAttempt?.result).toBe('SUCCEEDED');
    expect(standby.registration).toEqual(active.registration);
    expect(standby.authorization).toEqual(active.authorization);
    expect(standby.udi).toEqual({ pid: 'ASAv', sn: 'JAD2222SEC' });
    expect(active.udi?.sn).toBe(unit('ha-pri').device.serial);
    // Both print the failover cluster block (corpus unicon FPR-2130, a unit of a pair).
    expect(
      parseShowVersion(await sec.type('show version')).data.failoverClusterFeatures?.length,
    ).toBeGreaterThan(0);
  });

  it('the active unit replicates its configuration to the standby', async () => {
    const pri = await privileged('ha-pri');
    const sec = await privileged('ha-sec');
    await pri.type('configure terminal');
    expect(promptOf(await pri.type('hostname edge'))?.text).toBe('edge/pri/act(config)#');
    await pri.type('end');
    expect(promptOf(await sec.type(''))?.text).toBe('edge/sec/stby#');
    await pri.type('configure terminal');
    await pri.type('hostname fw');
    await pri.type('end');
  });

  it('a pair in multiple context mode: fw/admin/pri/act#, then fw/pri/act# in the system context', async () => {
    const h = await privileged('hactx-pri');
    expect(promptOf(await h.type(''))).toMatchObject({
      text: 'fw/admin/pri/act#',
      context: 'admin',
      unit: 'primary',
      state: 'active',
    });
    expect(promptOf(await h.type('changeto system'))?.text).toBe('fw/pri/act#');
    const s = await privileged('hactx-sec');
    expect(promptOf(await s.type(''))?.text).toBe('fw/admin/sec/stby#');
  });
});
