import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../time.ts';
import { register } from './commands.ts';
import { advanceWith, runDue } from './drive.ts';
import { nextDue } from './machine.ts';
import type {
  AgentRequest,
  ExchangeOutcome,
  Instant,
  LicensingTransport,
  TransportTarget,
} from './protocol.ts';
import { simulatedAuthority, unreachable } from './simulated-authority.ts';
import { type AgentState, createAgentState } from './state.ts';
import { DEFAULT_TIMERS } from './timers.ts';
import { toLicenseView } from './view.ts';

const T0 = Date.parse('2026-01-12T13:09:43Z');
const target: TransportTarget = { type: 'smart', url: 'https://smartreceiver.cisco.com/licservice/license' };
const yes = simulatedAuthority();
/** `license smart register` typed at T0: registered REGISTERED_AT, authorized AUTHORIZED_AT. */
const REGISTERED_AT = T0 + DEFAULT_TIMERS.registerAfterCommand;
const AUTHORIZED_AT = REGISTERED_AT + DEFAULT_TIMERS.authAfterRegistration;

/** A LicensingTransport that records what it was asked and answers through `decide`. */
function recording(decide: (r: AgentRequest, at: Instant) => ExchangeOutcome) {
  const calls: Array<{ kind: string; at: Instant }> = [];
  const transport: LicensingTransport = {
    async exchange(request, t, at) {
      expect(t).toBe(target);
      calls.push({ kind: request.kind, at });
      return decide(request, at);
    },
  };
  return { transport, calls };
}

const registered = (): AgentState =>
  advanceWith(
    register(
      createAgentState({
        udi: { pid: 'ASAv', sn: 'S1' },
        now: T0,
        entitlements: [{ tag: 'ASAv-STD-1G', count: 1 }],
      }),
      'tok',
      false,
      T0,
    ),
    AUTHORIZED_AT,
    yes,
  );

/** The reference: every single attempt sent, one call per due action (no coalescing possible). */
function stepwise(
  state: AgentState,
  now: Instant,
  decide: (r: AgentRequest, at: Instant) => ExchangeOutcome,
) {
  let s = state;
  let sent = 0;
  for (let due = nextDue(s); due && due.at <= now; due = nextDue(s)) {
    s = advanceWith(s, due.at, (r, at) => {
      sent++;
      return decide(r, at);
    });
  }
  return { state: advanceWith(s, now, decide), sent };
}

const view = (s: AgentState, now: Instant) => toLicenseView(s, now, { transport: { type: 'smart' } });

describe('runDue', () => {
  it('performs due actions in time order, passing each scheduled time as `at`', async () => {
    const { transport, calls } = recording(yes);
    const s0 = register(
      createAgentState({ udi: { pid: 'ASAv', sn: 'S1' }, now: T0, entitlements: [] }),
      'tok',
      false,
      T0,
    );
    const s = await runDue(s0, T0 + 200 * DAY, transport, target);
    expect(calls.map((c) => c.kind)).toEqual([
      'register',
      'renewAuth',
      'renewAuth',
      'renewAuth',
      'renewAuth',
      'renewAuth',
      'renewAuth',
      'renewId',
      'renewAuth',
    ]);
    const times = calls.map((c) => c.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.slice(0, 3)).toEqual([REGISTERED_AT, AUTHORIZED_AT, AUTHORIZED_AT + 30 * DAY]);
    expect(s.registration.lastRenewal).toEqual({ result: 'SUCCEEDED', at: REGISTERED_AT + 180 * DAY });
    expect(s.asOf).toBe(T0 + 200 * DAY);
  });

  it('does nothing before the first due time', async () => {
    const { transport, calls } = recording(yes);
    const s = registered();
    await runDue(s, T0 + 29 * DAY, transport, target);
    expect(calls).toEqual([]);
  });

  it('coalesces a long failure: 400 days ask the transport a handful of times', async () => {
    const { transport, calls } = recording(unreachable);
    await runDue(registered(), T0 + 400 * DAY, transport, target);
    // renewAuth first failure + renewId first failure (+ each after a time transition).
    expect(calls.length).toBeLessThanOrEqual(6);
    expect(new Set(calls.map((c) => c.kind))).toEqual(new Set(['renewAuth', 'renewId']));
  });

  it.each([1, 30, 31, 89, 90, 91, 95, 180, 181, 200, 364, 365, 366, 400])(
    'coalesced printout equals sending every attempt, %i days on',
    (days) => {
      const now = T0 + days * DAY + 17 * 60_000;
      const ref = stepwise(registered(), now, unreachable);
      const fast = advanceWith(registered(), now, unreachable);
      expect(view(fast, now)).toEqual(view(ref.state, now));
      expect(fast.authorization.commFailures).toBe(ref.state.authorization.commFailures);
      expect(fast.registration.renewFailures).toBe(ref.state.registration.renewFailures);
    },
  );

  it('coalesced printout equals the reference when connectivity comes back', () => {
    const back = T0 + 120 * DAY + 5 * HOUR;
    const decide = (r: AgentRequest, at: Instant) => (at >= back ? yes(r, at) : unreachable());
    // Without a situation key every call starts fresh, so splitting at `back` is the honest use.
    const fast = advanceWith(advanceWith(registered(), back - 1, decide), T0 + 200 * DAY, decide);
    const ref = stepwise(registered(), T0 + 200 * DAY, decide);
    expect(view(fast, T0 + 200 * DAY)).toEqual(view(ref.state, T0 + 200 * DAY));
    expect(fast.authorization.status).toBe('AUTHORIZED');
  });

  it('a situation key carries remembered failures across calls; a new key asks again', async () => {
    const { transport, calls } = recording(unreachable);
    let s = await runDue(registered(), T0 + 31 * DAY, transport, target, { situation: 'blocked' });
    const after1 = calls.length;
    s = await runDue(s, T0 + 32 * DAY, transport, target, { situation: 'blocked' });
    expect(calls.length).toBe(after1);
    s = await runDue(s, T0 + 33 * DAY, transport, target, { situation: 'unblocked' });
    expect(calls.length).toBe(after1 + 1);
    expect(s.coalesce?.key).toBe('unblocked');
  });

  it('reports every exchange actually sent', async () => {
    const seen: string[] = [];
    await runDue(registered(), T0 + 31 * DAY, { exchange: async () => unreachable() }, target, {
      onExchange: (action, _at, outcome) => seen.push(`${action}:${outcome.ok}`),
    });
    expect(seen).toEqual(['renewAuth:false']);
  });
});
