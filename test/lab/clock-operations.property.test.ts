// Any sequence of what a lab user does with time — set the clock back or forward, advance, block
// and unblock the License Authority, reload, register — leaves every emulated ASA printing a state
// its licensing agent can be in: no past event dated after the clock, no next attempt before it,
// AUTHORIZED beside DEADLINE EXCEEDED only until the attempt that notices it, REGISTERED only
// before the certificate expires, the authorization date its last attempt's, `show version` cut
// when authorization is, and an uptime that never goes negative nor moves with a clock set; a
// failover pair, switched over at any moment (`failover active` / `no failover active` on either
// unit), has exactly one active unit, and its standby prints the active unit's state (their one
// agent moved once per set, run by whichever unit is active).
//
// The parts are the lab's own: its virtual clock and the functions `lab clock` runs (advance.ts),
// the emulator's devices with their CLI show commands and the text layer, and the lab authority's
// rules (service.ts) in SQLite. Only HTTPS and SSH are left out (the story tests run those); the
// transport below does what the lab's does around them (lab/transports.ts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Authority } from '../../src/authority/service.ts';
import {
  COMM_SEND_ERROR,
  type ExchangeOutcome,
  type Instant,
  type LicensingTransport,
} from '../../src/core/agent/protocol.ts';
import { isAuthorizationInForce, type SmartLicenseData } from '../../src/core/model.ts';
import { DAY, HOUR, MINUTE, SECOND } from '../../src/core/time.ts';
import { EmulatedDevice } from '../../src/emulate/device.ts';
import { deviceSpecSchema } from '../../src/emulate/device-spec.ts';
import { advanceClock, setClockBack } from '../../src/lab/advance.ts';
import { DEFAULT_POOLS } from '../../src/lab/catalog.ts';
import { VirtualClock } from '../../src/lab/clock.ts';
import { parseShowLicense, parseShowVersion } from '../../src/text/index.ts';

const START = Date.parse('2026-12-03T14:00:00Z');
const LICENSE = 'license smart\n feature tier standard\n throughput level 1G\n';
const STARTS = ['unregistered-eval', 'registered', 'comm-failing', 'auth-expired'] as const;
/** STARTS, then a registered failover pair (active unit, standby unit). */
const DEVICES = [...STARTS, 'registered', 'registered'] as const;

interface Lab {
  clock: VirtualClock;
  authority: Authority;
  devices: EmulatedDevice[];
  blocked: boolean;
  /** Uptime each device should show: moves only as time passes, restarts at a reload. */
  uptime: number[];
}

async function startLab(): Promise<Lab> {
  const clock = new VirtualClock(START);
  const authority = new Authority({ dbPath: ':memory:', clock });
  authority.ensureVirtualAccount('Cisco Systems, TAC', 'EU TAC', true);
  for (const p of DEFAULT_POOLS)
    authority.setPool(p.tag, p.name, p.count, {
      smartAccount: 'Cisco Systems, TAC',
      virtualAccount: 'EU TAC',
    });
  const lab: Lab = { clock, authority, devices: [], blocked: false, uptime: [] };
  // What the lab's transport does: a blocked first hop fails at once while the clock is stepped,
  // and the clock is brought to the exchange's own time before the authority judges it.
  const transport: LicensingTransport = {
    async exchange(request, _target, at): Promise<ExchangeOutcome> {
      if (lab.blocked) return { ok: false, failureReason: COMM_SEND_ERROR };
      if (at > clock.now()) clock.set(at);
      return { ok: true, reply: authority.handle(request) };
    },
  };
  for (const [i, scenario] of DEVICES.entries()) {
    const spec = deviceSpecSchema.parse({
      name: i < STARTS.length ? `asa${i}` : i === STARTS.length ? 'ha-pri' : 'ha-sec',
      password: 'pw',
      startupConfig: LICENSE,
      ...(scenario === 'unregistered-eval' ? {} : { licensing: scenario }),
    });
    // The last two are a failover pair: the standby shares the active unit's agent (failover.ts).
    const pair =
      i === STARTS.length
        ? { unit: { pair: 'ha', role: 'primary', state: 'active' } as const }
        : i > STARTS.length
          ? { unit: { pair: 'ha', role: 'secondary', state: 'standby' } as const, mate: lab.devices.at(-1) }
          : {};
    const device = await EmulatedDevice.create(spec, { clock, transport, ...pair });
    // The lab adopts a registration a device boots with (lab/devices.ts).
    const reg = device.licensing.stateAt(START).registration;
    if (
      device.ownsLicensing &&
      reg.issuedAt !== undefined &&
      reg.expiresAt !== undefined &&
      reg.expiresAt > START
    )
      await device.licensing.holdCertificate(
        authority.adopt({
          udi: { pid: 'ASAv', sn: device.serial },
          issuedAt: reg.issuedAt,
          expiresAt: reg.expiresAt,
        }),
      );
    lab.devices.push(device);
    lab.uptime.push(0);
  }
  return lab;
}

const duration = fc.oneof(
  fc.integer({ min: 1, max: 400 * DAY }),
  fc.integer({ min: 1, max: 3 * HOUR }),
  fc.constantFrom(30 * SECOND, 90 * DAY, 101 * DAY, 365 * DAY),
);
const which = fc.integer({ min: 0, max: DEVICES.length - 1 });
const op = fc.oneof(
  fc.record({ kind: fc.constant('advance' as const), ms: duration }),
  fc.record({ kind: fc.constant('set back' as const), ms: duration }),
  fc.record({ kind: fc.constant('set forward' as const), ms: duration }),
  fc.record({ kind: fc.constant('block' as const) }),
  fc.record({ kind: fc.constant('unblock' as const) }),
  fc.record({ kind: fc.constant('reload' as const), device: which }),
  fc.record({ kind: fc.constant('register' as const), device: which, force: fc.boolean() }),
  // `failover active` (or `no failover active`) typed on one unit of the pair.
  fc.record({
    kind: fc.constant('switchover' as const),
    device: fc.constantFrom(STARTS.length, STARTS.length + 1),
    wanted: fc.constantFrom('active' as const, 'standby' as const),
  }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

let advances = 0;
async function advanceTo(lab: Lab, target: Instant): Promise<void> {
  const from = lab.clock.now();
  const situation = `advance ${++advances}|${lab.blocked}`;
  await advanceClock(lab.clock, lab.devices, target, () => situation);
  lab.uptime = lab.uptime.map((u) => u + (target - from));
}

async function apply(lab: Lab, o: Op): Promise<void> {
  const now = lab.clock.now();
  switch (o.kind) {
    case 'advance':
    case 'set forward':
      return advanceTo(lab, now + o.ms);
    case 'set back':
      await setClockBack(lab.clock, lab.devices, now - o.ms);
      return;
    case 'block':
      lab.blocked = true;
      return;
    case 'unblock':
      lab.blocked = false;
      return;
    case 'reload': {
      // What `lab reload` does (lab.ts): reload, then whatever the booting agent does at once.
      const device = lab.devices[o.device] as EmulatedDevice;
      await device.reload(now);
      await device.runDue(now);
      lab.uptime[o.device] = 0;
      return;
    }
    case 'register': {
      const { token } = lab.authority.mintToken();
      const device = lab.devices[o.device] as EmulatedDevice;
      const standby = !device.ownsLicensing;
      const out = await device.license({ kind: 'register', idToken: token, force: o.force });
      // A standby refuses: the pair's agent is driven from its active unit.
      if (standby) expect(out).toMatch(/^ERROR: .*Active unit/);
      await device.licensing.idle();
      return;
    }
    case 'switchover': {
      const device = lab.devices[o.device] as EmulatedDevice;
      expect(device.failover(o.wanted, now)).toBe('');
      await device.licensing.idle();
      return;
    }
  }
}

const past = (iso: string | undefined, now: Instant) => iso === undefined || Date.parse(iso) <= now;
const ahead = (iso: string | undefined, now: Instant) => iso === undefined || Date.parse(iso) >= now;

/** What one device prints at the lab's time, held to the agent model's rules. */
async function checkDevice(lab: Lab, i: number, history: string): Promise<void> {
  const device = lab.devices[i] as EmulatedDevice;
  const now = lab.clock.now();
  const where = `${device.name} at ${new Date(now).toISOString()} after ${history}`;
  const view: SmartLicenseData = device.licenseView(now);
  const printed = parseShowLicense(await device.show('license all')).data;
  const r = view.registration;
  const a = view.authorization;
  expect(printed.registration?.status, where).toBe(r?.status);
  expect(printed.authorization?.status, where).toBe(a?.status);

  for (const [what, at] of [
    ['Initial Registration', r?.initialRegistration?.at],
    ['Last Renewal Attempt', r?.lastRenewalAttempt?.at],
    ['Last Communication Attempt', a?.lastCommunicationAttempt?.at],
    ['authorization status date', a?.since],
    ['Evaluation Period Expired', a?.evaluationExpired],
  ] as const)
    expect(past(at, now), `${what} ${at} is after the clock: ${where}`).toBe(true);
  for (const [what, at] of [
    ['Next Registration Attempt', r?.nextRegistrationAttempt],
    ['Next Renewal Attempt', r?.nextRenewalAttempt],
    ['Next Communication Attempt', a?.nextCommunicationAttempt],
  ] as const)
    expect(ahead(at, now), `${what} ${at} is before the clock: ${where}`).toBe(true);

  if (r?.status === 'REGISTERED')
    expect(Date.parse(r.expires ?? ''), `REGISTERED past its expiry: ${where}`).toBeGreaterThan(now);
  const last = a?.lastCommunicationAttempt?.at;
  if (a?.since !== undefined && last !== undefined && !a.status.startsWith('EVAL'))
    expect(
      Date.parse(a.since),
      `the status date is before the last attempt: ${where}`,
    ).toBeGreaterThanOrEqual(Date.parse(last));
  const deadline = a?.communicationDeadline;
  if (isAuthorizationInForce(a?.status) && deadline?.exceeded) {
    // Only until the attempt that notices it (core/agent/machine.ts, the seed's condition 2).
    expect(a?.nextCommunicationAttempt, `AUTHORIZED, DEADLINE EXCEEDED, nothing due: ${where}`).toBeDefined();
    expect(Date.parse(a?.nextCommunicationAttempt ?? ''), where).toBeGreaterThanOrEqual(
      Date.parse(deadline.at ?? ''),
    );
  }
  if (a?.status === 'EVAL MODE') {
    expect(a.evaluationRemainingSeconds, where).toBeGreaterThan(0);
    expect(a.evaluationRemainingSeconds, where).toBeLessThanOrEqual((90 * DAY) / SECOND);
  }

  const version = parseShowVersion(await device.show('version')).data;
  const licensed = isAuthorizationInForce(a?.status);
  expect(version.platformLicenseState, `show version against ${a?.status}: ${where}`).toBe(
    licensed ? 'Licensed' : 'Unlicensed',
  );
  if (a?.status === 'AUTH EXPIRED') expect(version.throughputLimit, where).toBe('100 Kbps');
  expect(version.uptime ?? '', where).not.toMatch(/-/);
  expect(device.uptimeMs(now), `uptime: ${where}`).toBe(lab.uptime[i]);
  // A standby prints its pair's licensing state, whatever was done to the clock or to either unit.
  if (device.unit && device.mate?.unit) {
    expect(
      [device.unit.state, device.mate.unit.state].sort(),
      `one active unit, one standby: ${where}`,
    ).toEqual(['active', 'standby']);
    expect(device.ownsLicensing, where).toBe(device.unit.state === 'active');
  }
  if (device.mate && !device.ownsLicensing) {
    const active = device.mate.licenseView(now);
    expect(view.registration, `standby against active: ${where}`).toEqual(active.registration);
    expect(view.authorization, `standby against active: ${where}`).toEqual(active.authorization);
  }
}

describe('clock operations in the lab', () => {
  it('leave every device printing a state its agent can be in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 9 }), async (ops) => {
        const lab = await startLab();
        try {
          const done: string[] = [];
          for (const o of ops) {
            await apply(lab, o);
            done.push(JSON.stringify(o));
            for (const i of lab.devices.keys()) await checkDevice(lab, i, done.join(', '));
          }
        } finally {
          for (const d of lab.devices) await d.licensing.idle();
          lab.authority.close();
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it('a set back by a few minutes keeps a registration in progress in progress', async () => {
    const lab = await startLab();
    try {
      await apply(lab, { kind: 'register', device: 0, force: false });
      await apply(lab, { kind: 'set back', ms: 5 * MINUTE });
      expect(lab.devices[0]?.licenseView(lab.clock.now()).registration?.status).toBe('REGISTERING');
      await apply(lab, { kind: 'advance', ms: 30 * SECOND });
      const view = lab.devices[0]?.licenseView(lab.clock.now());
      expect(view?.registration?.status).toBe('REGISTERED');
      expect(view?.authorization?.status).toBe('AUTHORIZED');
      for (const i of lab.devices.keys()) await checkDevice(lab, i, 'register, set back, advance');
    } finally {
      lab.authority.close();
    }
  });
});
