// The seed's story replayed on its own dates, which is what a lab user does: the lab starts today,
// its clock is set back to 2026-01-12 13:00 UTC (the seed's morning), the device is registered
// again, smartreceiver.cisco.com is cut and 101 days pass. Real SSH to the emulated ASA, real
// HTTPS to the lab authority; the clock is moved through the lab's own setClock/advance.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmartLicenseData } from '../../src/core/model.ts';
import type { Lab } from '../../src/lab/lab.ts';
import { startLab } from '../../src/lab/lab.ts';
import { normalizeLines, parseShowVersionLines } from '../../src/text/index.ts';
import { asavLab, labDevices } from './asav-lab.ts';
import { sshExec } from './ssh.ts';

const TODAY = '2026-12-03T14:00:00Z';
const SEED_MORNING = Date.parse('2026-01-12T13:00:00Z');
const DAY = 86_400_000;
const MINUTE = 60_000;
const PASSWORD = 'lab-Passw0rd';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-clock-back-'));
let lab: Lab;

beforeAll(async () => {
  const spec = asavLab(TODAY, PASSWORD, [
    { name: 'asa1', licensing: 'registered' },
    { name: 'asa2', licensing: 'comm-failing' },
  ]);
  lab = await startLab(spec, { stateDir: join(dir, 'lab'), connectTimeoutMs: 200 });
}, 60_000);

afterAll(async () => {
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

const { device, licence } = labDevices(() => lab);
const version = async (name: string) =>
  parseShowVersionLines(normalizeLines(await sshExec(device(name), 'show version'))).data;

/** Every date a device prints of something done lies in its past, every next attempt ahead. */
function expectConsistent(d: SmartLicenseData, now: number) {
  const done = [
    d.registration?.initialRegistration?.at,
    d.registration?.lastRenewalAttempt?.at,
    d.authorization?.lastCommunicationAttempt?.at,
    d.authorization?.since,
  ].filter((x): x is string => x !== undefined);
  const next = [
    d.registration?.nextRenewalAttempt,
    d.registration?.nextRegistrationAttempt,
    d.authorization?.nextCommunicationAttempt,
  ].filter((x): x is string => x !== undefined);
  expect(done.length).toBeGreaterThan(0);
  for (const at of done) expect(Date.parse(at)).toBeLessThanOrEqual(now);
  for (const at of next) expect(Date.parse(at)).toBeGreaterThanOrEqual(now);
}

describe('the seed story with the lab clock set back first', () => {
  let uptimeBefore: string | undefined;

  it('set back to the seed morning: every device stays in its situation, uptime unchanged', async () => {
    uptimeBefore = (await version('asa1')).uptime;
    const before = await licence('asa2');
    await lab.setClock(SEED_MORNING);
    expect(lab.clock.now()).toBe(SEED_MORNING);
    expect((await version('asa1')).uptime).toBe(uptimeBefore);
    const healthy = await licence('asa1');
    expect(healthy.authorization?.status).toBe('AUTHORIZED');
    expectConsistent(healthy, SEED_MORNING);
    // Still seed condition 1, the same days from its deadline as before the set.
    const failing = await licence('asa2');
    expectConsistent(failing, SEED_MORNING);
    expect(failing.authorization?.lastCommunicationAttempt?.result).toBe('FAILED');
    const left = (d: SmartLicenseData, now: number) =>
      Date.parse(d.authorization?.communicationDeadline?.at ?? '') - now;
    expect(left(failing, SEED_MORNING)).toBe(left(before, Date.parse(TODAY)));
  });

  it('re-register: REGISTERING, then REGISTERED and AUTHORIZED on the new dates', async () => {
    const { token } = lab.mintToken();
    await sshExec(device('asa1'), `license smart register idtoken ${token} force`);
    expect((await licence('asa1')).registration?.status).toBe('REGISTERING');
    await lab.advance(MINUTE);
    const d = await licence('asa1');
    expect(d.registration?.status).toBe('REGISTERED');
    expect(d.authorization?.status).toBe('AUTHORIZED');
    expect(d.registration?.initialRegistration).toEqual({
      result: 'SUCCEEDED',
      at: new Date(SEED_MORNING + 10_000).toISOString(),
    });
    expectConsistent(d, lab.clock.now());
  });

  it('smartreceiver blocked, 101 days: AUTH EXPIRED, DEADLINE EXCEEDED, features cut', async () => {
    lab.policy.block('smartreceiver.cisco.com', 'drop');
    await lab.advance(101 * DAY);
    const d = await licence('asa1');
    expect(d.authorization?.status).toBe('AUTH EXPIRED');
    expect(d.authorization?.communicationDeadline?.exceeded).toBe(true);
    // The date on the status is the last attempt's (seed condition 2).
    expect(d.authorization?.lastCommunicationAttempt?.result).toBe('FAILED');
    expect(d.authorization?.since).toBe(d.authorization?.lastCommunicationAttempt?.at);
    expectConsistent(d, lab.clock.now());
    const v = await version('asa1');
    expect(v.platformLicenseState).toBe('Unlicensed');
    expect(v.throughputLimit).toBe('100 Kbps');
    expect(v.features?.find((f) => f.name === 'AnyConnect Premium Peers')?.value).toBe('2');
    expect(v.uptime).not.toMatch(/-/);
  });
});
