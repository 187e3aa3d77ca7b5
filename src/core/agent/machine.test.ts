import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, SECOND } from '../time.ts';
import { deregister, isRegistered, register, reload, renewNow, setEntitlements } from './commands.ts';
import { advanceWith } from './drive.ts';
import { evaluationRemaining } from './evaluation.ts';
import { applyOutcome, nextDue, requestFor, tick } from './machine.ts';
import { COMM_SEND_ERROR, type ExchangeOutcome } from './protocol.ts';
import { simulatedAuthority, unreachable } from './simulated-authority.ts';
import { type AgentState, createAgentState } from './state.ts';
import { communicationDeadline, DEFAULT_TIMERS, registrationExpiry } from './timers.ts';

const T0 = Date.parse('2026-01-12T13:09:43Z');
const yes = simulatedAuthority({ smartAccount: 'Cisco Systems, TAC', virtualAccount: 'EU TAC' });
const fail: ExchangeOutcome = { ok: false, failureReason: COMM_SEND_ERROR };
const fresh = (now = T0 - HOUR) =>
  createAgentState({
    udi: { pid: 'ASAv', sn: '9A1TEST' },
    now,
    entitlements: [{ tag: 'ASAv-STD-1G', count: 1 }],
  });

const { registerAfterCommand: REGISTER_DELAY, authAfterRegistration: AUTH_DELAY } = DEFAULT_TIMERS;
/** When `license smart register` is typed for a registration exchange at T0. */
const TYPED = T0 - REGISTER_DELAY;
/** The first authorization after registering at T0. */
const T_AUTH = T0 + AUTH_DELAY;

/** Registered at T0 and authorized at T_AUTH through the simulated authority. */
function registeredAtT0(): AgentState {
  return advanceWith(register(fresh(), 'token-1', false, TYPED), T_AUTH, yes);
}

describe('registration', () => {
  it('a fresh agent is UNREGISTERED in EVAL MODE with nothing due', () => {
    const s = fresh();
    expect(s.registration.status).toBe('UNREGISTERED');
    expect(s.registration.exportControlAllowed).toBe(false);
    expect(s.authorization.status).toBe('EVAL MODE');
    expect(nextDue(s)).toBeUndefined();
  });

  it('register: REGISTERING at once, the exchange seconds later with token, UDI and entitlements', () => {
    const s = register(fresh(), 'token-1', false, TYPED);
    expect(s.registration).toMatchObject({ status: 'REGISTERING', statusDetail: 'REGISTRATION IN PROGRESS' });
    expect(s.registration.initial).toBeUndefined();
    expect(nextDue(s)).toEqual({ at: T0, action: 'register' });
    expect(advanceWith(s, T0 - 1, yes).registration.status).toBe('REGISTERING');
    expect(requestFor(s, 'register', { hostname: 'asa1', softwareVersion: '9.22(1.1)' })).toEqual({
      kind: 'register',
      idToken: 'token-1',
      force: false,
      udi: { pid: 'ASAv', sn: '9A1TEST' },
      hostname: 'asa1',
      softwareVersion: '9.22(1.1)',
      entitlements: [{ tag: 'ASAv-STD-1G', count: 1 }],
    });
  });

  it('success: REGISTERED, ALLOWED, renewal in 180 d, expiry in 1 year, authorization seconds later', () => {
    const s0 = register(fresh(), 'token-1', false, TYPED);
    const s = applyOutcome(s0, 'register', yes(requestFor(s0, 'register'), T0), T0);
    expect(s.registration).toMatchObject({
      status: 'REGISTERED',
      smartAccount: 'Cisco Systems, TAC',
      virtualAccount: 'EU TAC',
      exportControlAllowed: true,
      initial: { result: 'SUCCEEDED', at: T0 },
      lastRenewal: null,
      nextRenewalAt: T0 + 180 * DAY,
      expiresAt: registrationExpiry(T0),
    });
    expect(nextDue(s)).toEqual({ at: T_AUTH, action: 'renewAuth' });
  });

  it('authorization: AUTHORIZED, next in 30 d, deadline = last success + 90 d; eval clock stops', () => {
    const s = registeredAtT0();
    expect(s.authorization).toMatchObject({
      status: 'AUTHORIZED',
      since: T_AUTH,
      lastComm: { result: 'SUCCEEDED', at: T_AUTH },
      nextCommAt: T_AUTH + 30 * DAY,
      lastSuccessAt: T_AUTH,
      deadlineAt: communicationDeadline(T_AUTH),
    });
    expect(s.evaluation.runningSince).toBeUndefined();
    expect(s.evaluation.usedMs).toBe(HOUR + AUTH_DELAY);
  });

  it('unreachable: REGISTERING - REGISTRATION IN PROGRESS, FAILED, retry in 1 h', () => {
    const s = advanceWith(register(fresh(), 't', false, TYPED), T0, unreachable);
    expect(s.registration).toMatchObject({
      status: 'REGISTERING',
      statusDetail: 'REGISTRATION IN PROGRESS',
      initial: { result: 'FAILED', at: T0, failureReason: COMM_SEND_ERROR },
      nextRegistrationAt: T0 + HOUR,
    });
    expect(s.authorization.status).toBe('EVAL MODE');
  });

  it('rejected token: back to UNREGISTERED with the reason, no retry', () => {
    const s0 = register(fresh(), 'bad', false, T0);
    const s = applyOutcome(
      s0,
      'register',
      { ok: true, reply: { kind: 'rejected', reason: 'Invalid token' } },
      T0,
    );
    expect(s.registration).toMatchObject({
      status: 'UNREGISTERED',
      initial: { result: 'FAILED', failureReason: 'Invalid token' },
    });
    expect(s.registration.idToken).toBeUndefined();
    expect(nextDue(s)).toBeUndefined();
  });

  it('register on a registered device needs force', () => {
    const s = registeredAtT0();
    expect(register(s, 'token-2', false, T0 + DAY)).toEqual(tick(s, T0 + DAY));
    expect(isRegistered(s, T0 + DAY)).toBe(true);
    const forced = register(s, 'token-2', true, T0 + DAY);
    expect(forced.registration.status).toBe('REGISTERING');
    expect(
      requestFor(forced, 'register').kind === 'register' && requestFor(forced, 'register'),
    ).toMatchObject({ force: true });
  });
});

describe('retry schedule (seed + NTC samples)', () => {
  it.each([
    // [failures so far, action, expected delay]
    [0, 'renewAuth', 30 * SECOND],
    [1, 'renewAuth', HOUR],
    [5, 'renewAuth', HOUR],
    [0, 'renewId', 30 * SECOND],
    [1, 'renewId', 15 * MINUTE],
    [7, 'renewId', 15 * MINUTE],
  ] as const)('after %i failures a failed %s retries in %i ms', (n, action, delay) => {
    let s = registeredAtT0();
    const at = T0 + 10 * DAY;
    s =
      action === 'renewAuth'
        ? { ...s, authorization: { ...s.authorization, commFailures: n } }
        : { ...s, registration: { ...s.registration, renewFailures: n } };
    const after = applyOutcome(s, action, fail, at);
    const next = action === 'renewAuth' ? after.authorization.nextCommAt : after.registration.nextRenewalAt;
    expect(next).toBe(at + delay);
    const last = action === 'renewAuth' ? after.authorization.lastComm : after.registration.lastRenewal;
    expect(last).toEqual({ result: 'FAILED', at, failureReason: COMM_SEND_ERROR });
  });

  it('a failed communication keeps AUTHORIZED while the deadline is ahead', () => {
    const s = advanceWith(registeredAtT0(), T0 + 31 * DAY, unreachable);
    expect(s.authorization.status).toBe('AUTHORIZED');
    expect(s.authorization.deadlineAt).toBe(communicationDeadline(T_AUTH));
  });
});

describe('the date on the authorization status: the last communication attempt', () => {
  it('a failed attempt moves it: AUTHORIZED on T = Last Communication Attempt: FAILED on T (seed condition 1)', () => {
    const s = advanceWith(registeredAtT0(), T0 + 31 * DAY, unreachable);
    expect(s.authorization.status).toBe('AUTHORIZED');
    expect(s.authorization.lastComm?.result).toBe('FAILED');
    expect(s.authorization.since).toBe(s.authorization.lastComm?.at);
    expect(s.authorization.since).toBeGreaterThan(T0 + 30 * DAY);
  });

  it('after the deadline each failed attempt moves AUTH EXPIRED on T too (seed condition 2)', () => {
    const a = advanceWith(registeredAtT0(), T0 + 100 * DAY, unreachable);
    const b = advanceWith(a, T0 + 110 * DAY, unreachable);
    for (const s of [a, b]) {
      expect(s.authorization.status).toBe('AUTH EXPIRED');
      expect(s.authorization.since).toBe(s.authorization.lastComm?.at);
    }
    expect(b.authorization.since).toBeGreaterThan(T0 + 110 * DAY - HOUR);
  });

  it("400 days of renewals: the last renewal's date, not the registration day (corpus ntc-templates 1)", () => {
    const s = advanceWith(registeredAtT0(), T0 + 400 * DAY, yes);
    expect(s.registration.initial).toEqual({ result: 'SUCCEEDED', at: T0 });
    expect(s.authorization.status).toBe('AUTHORIZED');
    expect(s.authorization.lastComm?.result).toBe('SUCCEEDED');
    expect(s.authorization.since).toBe(s.authorization.lastComm?.at);
    // Renewed every 30 days: the thirteenth renewal is the last before day 400.
    expect(s.authorization.since).toBe(T_AUTH + 13 * 30 * DAY);
  });
});

describe('time-only transitions', () => {
  it('AUTH EXPIRED is noticed at the first communication attempt at or after the deadline', () => {
    const s = advanceWith(registeredAtT0(), communicationDeadline(T_AUTH) + 30 * MINUTE, unreachable);
    const deadline = communicationDeadline(T_AUTH);
    expect(s.authorization.status).toBe('AUTH EXPIRED');
    expect(s.authorization.since).toBeGreaterThanOrEqual(deadline);
    expect(s.authorization.since).toBeLessThan(deadline + HOUR);
    // The attempts keep their hourly rhythm from the first failure (T_AUTH + 30 d, +30 s, then hourly).
    expect(((s.authorization.since as number) - (T_AUTH + 30 * DAY + 30 * SECOND)) % HOUR).toBe(0);
  });

  it('tick alone expires authorization at the deadline when no attempt is scheduled after it', () => {
    const s = registeredAtT0();
    const stale = { ...s, authorization: { ...s.authorization, nextCommAt: T0 + 10 * DAY } };
    expect(tick(stale, T0 + 100 * DAY).authorization).toMatchObject({
      status: 'AUTH EXPIRED',
      since: communicationDeadline(T_AUTH),
    });
  });

  it('registration expires after a year without renewal; export control stays until a reload', () => {
    const s = advanceWith(registeredAtT0(), T0 + 366 * DAY, unreachable);
    expect(s.registration.status).toBe('REGISTRATION EXPIRED');
    expect(s.registration.exportControlAllowed).toBe(true);
    expect(s.authorization.status).toBe('AUTH EXPIRED');
    expect(nextDue(s)).toBeUndefined();
  });

  it('evaluation ends after 90 days of EVAL MODE', () => {
    const s = tick(fresh(T0), T0 + 90 * DAY);
    expect(s.authorization.status).toBe('EVAL EXPIRED');
    expect(s.evaluation.expiredAt).toBe(T0 + 90 * DAY);
    expect(tick(fresh(T0), T0 + 90 * DAY - 1).authorization.status).toBe('EVAL MODE');
  });

  it('tick never moves backwards and is idempotent', () => {
    const s = tick(registeredAtT0(), T0 + 5 * DAY);
    expect(tick(s, T0)).toBe(s);
    expect(tick(s, T0 + 5 * DAY)).toBe(s);
  });

  it('success after AUTH EXPIRED authorizes again and moves the deadline', () => {
    const expired = advanceWith(registeredAtT0(), T0 + 100 * DAY, unreachable);
    const back = advanceWith(expired, T0 + 101 * DAY, yes);
    expect(back.authorization.status).toBe('AUTHORIZED');
    const last = back.authorization.lastSuccessAt as number;
    expect(last).toBeGreaterThan(T0 + 100 * DAY);
    expect(back.authorization.deadlineAt).toBe(communicationDeadline(last));
  });

  it('a grant NOT AUTHORIZED puts authorization OUT OF COMPLIANCE', () => {
    const s0 = registeredAtT0();
    const s = applyOutcome(
      s0,
      'renewAuth',
      {
        ok: true,
        reply: {
          kind: 'authorized',
          at: T0 + DAY,
          entitlements: [
            {
              tag: 'ASAv-STD-1G',
              name: 'x',
              count: 1,
              status: 'NOT AUTHORIZED',
              exportStatus: 'NOT RESTRICTED',
            },
          ],
        },
      },
      T0 + DAY,
    );
    expect(s.authorization.status).toBe('OUT OF COMPLIANCE');
  });
});

describe('commands', () => {
  it('reload while registered keeps the registration', () => {
    const s = registeredAtT0();
    const r = reload(s, T0 + 10 * DAY);
    expect(r.registration).toEqual(s.registration);
    expect(r.authorization.status).toBe('AUTHORIZED');
  });

  it('reload after the registration expired: REGISTERING + EVAL MODE + NOT ALLOWED, attempt at boot', () => {
    const expired = advanceWith(registeredAtT0(), T0 + 400 * DAY, unreachable);
    const at = T0 + 400 * DAY;
    const r = reload(expired, at);
    expect(r.registration).toMatchObject({
      status: 'REGISTERING',
      statusDetail: 'REGISTRATION IN PROGRESS',
      exportControlAllowed: false,
      nextRegistrationAt: at,
    });
    expect(r.authorization.status).toBe('EVAL MODE');
    expect(r.evaluation.runningSince).toBe(at);
    // The evaluation used before registering still counts.
    expect(evaluationRemaining(r.evaluation, at)).toBe(90 * DAY - HOUR - AUTH_DELAY);
    const booted = advanceWith(r, at + MINUTE, unreachable);
    expect(booted.registration.initial).toEqual({ result: 'FAILED', at, failureReason: COMM_SEND_ERROR });
    expect(booted.registration.nextRegistrationAt).toBe(at + HOUR);
  });

  it('reload of a never-registered device changes nothing but time', () => {
    const s = fresh(T0);
    expect(reload(s, T0 + DAY).registration).toEqual(s.registration);
  });

  it('deregister: UNREGISTERED, EVAL MODE, NOT ALLOWED', () => {
    const s = deregister(registeredAtT0(), T0 + DAY);
    expect(s.registration).toEqual({
      status: 'UNREGISTERED',
      exportControlAllowed: false,
      renewFailures: 0,
      registerFailures: 0,
    });
    expect(s.authorization.status).toBe('EVAL MODE');
    expect(s.authorization.grants).toEqual([]);
    expect(requestFor(registeredAtT0(), 'deregister')).toMatchObject({ kind: 'deregister' });
  });

  it('renew id|auth makes the renewal due now; ignored when not registered', () => {
    const s = registeredAtT0();
    expect(nextDue(renewNow(s, 'id', T0 + DAY))).toEqual({ at: T0 + DAY, action: 'renewId' });
    expect(nextDue(renewNow(s, 'auth', T0 + DAY))).toEqual({ at: T0 + DAY, action: 'renewAuth' });
    expect(nextDue(renewNow(fresh(), 'auth', T0))).toBeUndefined();
  });

  it('a new entitlement configuration is authorized at once', () => {
    const s = setEntitlements(registeredAtT0(), [{ tag: 'ASAv-STD-10G', count: 1 }], T0 + DAY);
    expect(nextDue(s)).toEqual({ at: T0 + DAY, action: 'renewAuth' });
    const after = advanceWith(s, T0 + DAY, yes);
    expect(after.authorization.grants.map((g) => g.tag)).toEqual(['ASAv-STD-10G']);
  });

  it('the state stays plain JSON', () => {
    const s = advanceWith(registeredAtT0(), T0 + 200 * DAY, unreachable);
    // toStrictEqual also fails on keys holding `undefined`, which JSON would drop.
    expect(JSON.parse(JSON.stringify(s))).toStrictEqual(s);
  });
});
