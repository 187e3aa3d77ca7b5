import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, SECOND } from '../time.ts';
import { deregister, isRegistered, register, reload, renewNow, setEntitlements } from './commands.ts';
import { advanceWith } from './drive.ts';
import { evaluationRemaining } from './evaluation.ts';
import { applyOutcome, nextDue, requestFor, tick } from './machine.ts';
import { COMM_SEND_ERROR, type ExchangeOutcome } from './protocol.ts';
import { simulatedAuthority, unreachable } from './simulated-authority.ts';
import { type AgentState, createAgentState } from './state.ts';
import { communicationDeadline, registrationExpiry } from './timers.ts';

const T0 = Date.parse('2026-01-12T13:09:43Z');
const yes = simulatedAuthority({ smartAccount: 'Cisco Systems, TAC', virtualAccount: 'EU TAC' });
const fail: ExchangeOutcome = { ok: false, failureReason: COMM_SEND_ERROR };
const fresh = (now = T0 - HOUR) =>
  createAgentState({
    udi: { pid: 'ASAv', sn: '9A1TEST' },
    now,
    entitlements: [{ tag: 'ASAv-STD-1G', count: 1 }],
  });

/** Registered and authorized at T0 through the simulated authority. */
function registeredAtT0(): AgentState {
  return advanceWith(register(fresh(), 'token-1', false, T0), T0, yes);
}

describe('registration', () => {
  it('a fresh agent is UNREGISTERED in EVAL MODE with nothing due', () => {
    const s = fresh();
    expect(s.registration.status).toBe('UNREGISTERED');
    expect(s.registration.exportControlAllowed).toBe(false);
    expect(s.authorization.status).toBe('EVAL MODE');
    expect(nextDue(s)).toBeUndefined();
  });

  it('register schedules an attempt now and sends token, UDI and entitlements', () => {
    const s = register(fresh(), 'token-1', false, T0);
    expect(nextDue(s)).toEqual({ at: T0, action: 'register' });
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

  it('success: REGISTERED, ALLOWED, renewal in 180 d, expiry in 1 year, authorization requested at once', () => {
    const s0 = register(fresh(), 'token-1', false, T0);
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
    expect(nextDue(s)).toEqual({ at: T0, action: 'renewAuth' });
  });

  it('authorization: AUTHORIZED, next in 30 d, deadline = last success + 90 d; eval clock stops', () => {
    const s = registeredAtT0();
    expect(s.authorization).toMatchObject({
      status: 'AUTHORIZED',
      since: T0,
      lastComm: { result: 'SUCCEEDED', at: T0 },
      nextCommAt: T0 + 30 * DAY,
      lastSuccessAt: T0,
      deadlineAt: communicationDeadline(T0),
    });
    expect(s.evaluation.runningSince).toBeUndefined();
    expect(s.evaluation.usedMs).toBe(HOUR);
  });

  it('unreachable: REGISTERING - REGISTRATION IN PROGRESS, FAILED, retry in 1 h', () => {
    const s = advanceWith(register(fresh(), 't', false, T0), T0, unreachable);
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
    expect(s.authorization.deadlineAt).toBe(communicationDeadline(T0));
  });
});

describe('time-only transitions', () => {
  it('AUTH EXPIRED is noticed at the first communication attempt at or after the deadline', () => {
    const s = advanceWith(registeredAtT0(), T0 + 91 * DAY, unreachable);
    const deadline = communicationDeadline(T0);
    expect(s.authorization.status).toBe('AUTH EXPIRED');
    expect(s.authorization.since).toBeGreaterThanOrEqual(deadline);
    expect(s.authorization.since).toBeLessThan(deadline + HOUR);
    // The attempts keep their hourly rhythm from the first failure (T0 + 30 d, +30 s, then hourly).
    expect(((s.authorization.since as number) - (T0 + 30 * DAY + 30 * SECOND)) % HOUR).toBe(0);
  });

  it('tick alone expires authorization at the deadline when no attempt is scheduled after it', () => {
    const s = registeredAtT0();
    const stale = { ...s, authorization: { ...s.authorization, nextCommAt: T0 + 10 * DAY } };
    expect(tick(stale, T0 + 100 * DAY).authorization).toMatchObject({
      status: 'AUTH EXPIRED',
      since: communicationDeadline(T0),
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
    expect(evaluationRemaining(r.evaluation, at)).toBe(90 * DAY - HOUR);
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
