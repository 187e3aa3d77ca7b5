// The driver's collapse of identical retries (drive.ts) held to the plain attempt-by-attempt
// driver: for any agent state (built by running the machine, read from a random snapshot, or left
// behind its printed dates the way a capture read years later is), any answer pattern of the
// authority and any `now`, both end in the same state. The reference below sends nothing new:
// it takes every single attempt in time order, which is what a device does.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand, commandOps } from '../../../test/helpers/agent-commands.ts';
import { smartLicenseData } from '../../../test/text/arbitraries.ts';
import { DAY, HOUR } from '../time.ts';
import { register } from './commands.ts';
import { advanceWith, nextSentAt } from './drive.ts';
import { applyOutcome, failureOf, nextDue, requestFor, scheduledAt, tick } from './machine.ts';
import type { AgentRequest, ExchangeOutcome, Instant } from './protocol.ts';
import { simulatedAuthority, unreachable } from './simulated-authority.ts';
import { type AgentAction, type AgentState, createAgentState } from './state.ts';
import { fromLicenseView, toLicenseView } from './view.ts';

type Answer = 'yes' | 'down' | 'no' | 'odd';
type Decide = (request: AgentRequest, at: Instant) => ExchangeOutcome;
const yes = simulatedAuthority();

/** The authority and network as a fixed answer per request kind (what a `situation` promises). */
function decider(answers: Record<AgentRequest['kind'], Answer>): Decide {
  return (request, at) => {
    switch (answers[request.kind]) {
      case 'yes':
        return yes(request, at);
      case 'down':
        return unreachable();
      case 'no':
        return { ok: true, reply: { kind: 'rejected', reason: 'Unknown ID certificate' } };
      case 'odd':
        return { ok: true, reply: { kind: 'deregistered' } };
    }
  };
}

/**
 * The reference: every attempt one at a time; a remembered failure is re-applied, not re-sent.
 * Undefined when it would take more than `maxSteps` attempts.
 */
function stepped(
  state: AgentState,
  now: Instant,
  decide: Decide,
  situation?: string,
  maxSteps = 20_000,
): AgentState | undefined {
  let s = state;
  const remembered = new Map<AgentAction, string>();
  if (situation !== undefined && s.coalesce?.key === situation)
    for (const [a, r] of Object.entries(s.coalesce.failures)) if (r) remembered.set(a as AgentAction, r);
  for (let step = 0; ; step++) {
    if (step > maxSteps) return undefined;
    const due = nextDue(s);
    if (!due || due.at > now) break;
    s = tick(s, due.at);
    const still = nextDue(s);
    if (!still || still.at !== due.at || still.action !== due.action) continue;
    const known = remembered.get(due.action);
    const outcome: ExchangeOutcome =
      known === undefined ? decide(requestFor(s, due.action), due.at) : { ok: false, failureReason: known };
    s = applyOutcome(s, due.action, outcome, due.at);
    const reason = failureOf(due.action, outcome);
    if (reason !== undefined && scheduledAt(s, due.action) !== undefined) remembered.set(due.action, reason);
    else remembered.delete(due.action);
  }
  s = tick(s, now);
  if (situation === undefined) {
    const { coalesce: _c, ...rest } = s;
    return rest;
  }
  return { ...s, coalesce: { key: situation, failures: Object.fromEntries(remembered) } };
}

const T0 = Date.parse('2026-01-12T13:09:43Z');
const answer = fc.constantFrom<Answer>('yes', 'down', 'no', 'odd');
const answers = fc.record({ register: answer, renewId: answer, renewAuth: answer, deregister: answer });
const span = (maxDays: number) =>
  fc.oneof(fc.integer({ min: 0, max: maxDays * DAY }), fc.integer({ min: 0, max: 3 * HOUR }));

/** Operator commands, driver runs, and the two ways a state falls behind its own dates. */
const op = fc.oneof(
  ...commandOps,
  fc.record({ kind: fc.constant('run' as const), dt: span(400), answers, situation: fc.boolean() }),
  // asOf moves on without ticking: a state read after its scheduled dates.
  fc.record({ kind: fc.constant('stale' as const), dt: span(400) }),
  // Printed and read back later, as the auditor does with a capture.
  fc.record({ kind: fc.constant('view' as const), dt: span(400) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function apply(s: AgentState, o: Op): AgentState {
  const now = s.asOf;
  switch (o.kind) {
    case 'run':
      return advanceWith(s, now + o.dt, decider(o.answers), o.situation ? { situation: 'k' } : {});
    case 'stale':
      return { ...s, asOf: now + o.dt };
    case 'view':
      return fromLicenseView(toLicenseView(s, now, { transport: { type: 'smart' } }), now + o.dt);
    default:
      return applyCommand(s, o);
  }
}

const machineState = fc
  .record({ start: fc.integer({ min: 0, max: 4 * 365 * DAY }), ops: fc.array(op, { maxLength: 7 }) })
  .map(({ start, ops }) =>
    ops.reduce(
      apply,
      createAgentState({
        udi: { pid: 'ASAv', sn: 'S1' },
        now: T0 + start,
        entitlements: [{ tag: 'ASAv-STD-1G', count: 1 }],
      }),
    ),
  );
const snapshotState = fc.record({ data: smartLicenseData, late: span(300) }).map(({ data, late }) => {
  const printed = Date.parse(data.registration?.expires ?? '') || T0;
  return fromLicenseView(data, printed + late);
});

/**
 * Snapshots whose every date lies on a 15-minute grid, with failures already in their steady
 * rhythm (hourly, every 15 minutes): attempts then land exactly on deadlines, expiries and `now`,
 * the boundaries where "at or after" and the order of actions at one instant decide.
 */
const GRID = 15 * 60_000;
const slot = fc.integer({ min: 0, max: 300 });
const at = (k: number) => new Date(T0 + k * GRID).toISOString();
const gridState = fc
  .record({
    status: fc.constantFrom('REGISTERED', 'REGISTERING', 'UNREGISTERED'),
    auth: fc.constantFrom('AUTHORIZED', 'OUT OF COMPLIANCE', 'AUTH EXPIRED', 'EVAL MODE'),
    expires: slot,
    nextRenewal: slot,
    renewFailed: fc.boolean(),
    nextComm: slot,
    commFailed: fc.boolean(),
    deadline: slot,
    nextRegistration: slot,
    evalLeft: fc.integer({ min: 0, max: 300 }),
    asOf: slot,
  })
  .map((g) =>
    fromLicenseView(
      {
        registration: {
          status: g.status as 'REGISTERED',
          expires: at(g.expires),
          nextRenewalAttempt: at(g.nextRenewal),
          ...(g.renewFailed
            ? {
                lastRenewalAttempt: {
                  result: 'FAILED' as const,
                  at: at(g.nextRenewal - 1),
                  failureReason: 'x',
                },
              }
            : {}),
          nextRegistrationAttempt: at(g.nextRegistration),
          initialRegistration: { result: 'FAILED', at: at(g.nextRegistration - 4), failureReason: 'x' },
        },
        authorization: {
          status: g.auth as 'AUTHORIZED',
          nextCommunicationAttempt: at(g.nextComm),
          ...(g.commFailed
            ? {
                lastCommunicationAttempt: {
                  result: 'FAILED' as const,
                  at: at(g.nextComm - 4),
                  failureReason: 'x',
                },
              }
            : {}),
          communicationDeadline: { at: at(g.deadline), exceeded: false },
          evaluationRemainingSeconds: (g.evalLeft * GRID) / 1000,
        },
        udi: { pid: 'ASAv', sn: 'S1' },
      },
      T0 + g.asOf * GRID,
    ),
  );

describe('collapsed retries equal every attempt taken', () => {
  it('for states whose dates and attempts fall on the same instants', () => {
    fc.assert(
      fc.property(
        gridState,
        answers,
        fc.integer({ min: -4, max: 600 }),
        fc.constantFrom(undefined, 'k'),
        (state, a, k, situation) => {
          const now = T0 + k * GRID;
          const decide = decider(a);
          const slow = stepped(state, now, decide, situation);
          fc.pre(slow !== undefined);
          expect(advanceWith(state, now, decide, situation ? { situation } : {})).toEqual(slow);
          // Twice in a row: the second call starts from remembered failures.
          const later = now + 37 * GRID;
          const slow2 = stepped(slow as AgentState, later, decide, 'k');
          fc.pre(slow2 !== undefined);
          expect(advanceWith(slow as AgentState, later, decide, { situation: 'k' })).toEqual(slow2);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('for states from the machine and from snapshots, any answers, any gap', () => {
    fc.assert(
      fc.property(
        fc.oneof(machineState, snapshotState),
        answers,
        fc.integer({ min: -30 * DAY, max: 250 * DAY }),
        fc.constantFrom(undefined, 'k', 'other'),
        (state, a, gap, situation) => {
          const now = state.asOf + gap;
          const decide = decider(a);
          const opts = situation === undefined ? {} : { situation };
          const slow = stepped(state, now, decide, situation);
          // The reference takes years of hourly attempts one by one: skip the few it cannot finish.
          fc.pre(slow !== undefined);
          expect(advanceWith(state, now, decide, opts)).toEqual(slow);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('and so do several calls in a row carrying the remembered failures', () => {
    fc.assert(
      fc.property(
        machineState,
        answers,
        fc.array(span(120), { minLength: 1, maxLength: 4 }),
        (state, a, gaps) => {
          const decide = decider(a);
          let fast = state;
          let slow = state;
          let now = state.asOf;
          for (const gap of gaps) {
            now += gap;
            const next = stepped(slow, now, decide, 'k');
            fc.pre(next !== undefined);
            slow = next;
            fast = advanceWith(fast, now, decide, { situation: 'k' });
            expect(fast).toEqual(slow);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('cost grows with licensing events, not with the gap', () => {
  const printedAt = Date.parse('2018-12-03T16:43:56Z');
  const snapshot = fromLicenseView(
    {
      registration: {
        status: 'REGISTERED',
        initialRegistration: { result: 'SUCCEEDED', at: '2018-12-03T16:43:48Z' },
        nextRenewalAttempt: '2019-06-01T16:43:47Z',
        expires: '2019-12-03T16:37:44Z',
      },
      authorization: {
        status: 'AUTHORIZED',
        since: '2018-12-03T16:43:56Z',
        lastCommunicationAttempt: { result: 'SUCCEEDED', at: '2018-12-03T16:43:56Z' },
        nextCommunicationAttempt: '2019-01-02T16:43:55Z',
        communicationDeadline: { at: '2019-03-03T16:37:54Z', exceeded: false },
      },
      udi: { pid: 'ASAv', sn: '9A6PGB43PJC' },
    },
    printedAt,
  );
  const steps = (state: AgentState, now: Instant, decide: Decide) => {
    let n = 0;
    advanceWith(state, now, decide, { onStep: () => n++ });
    return n;
  };
  const years = (y: number) => y * 365 * DAY;

  it('a 2018 capture run to 2026, to 2100 and to year 200000 takes the same few steps', () => {
    const near = steps(snapshot, printedAt + years(1), unreachable);
    expect(near).toBeLessThan(20);
    for (const far of [years(8), years(82), years(198_000)])
      expect(steps(snapshot, printedAt + far, unreachable)).toBeLessThanOrEqual(near + 1);
  });

  it('read long after its dates (asOf years ahead of them), it still takes a few steps', () => {
    for (const late of [years(8), years(126), years(1926)]) {
      const stale = fromLicenseView(
        toLicenseView(snapshot, printedAt, { transport: { type: 'smart' } }),
        printedAt + late,
      );
      expect(steps(stale, stale.asOf + years(1), unreachable)).toBeLessThan(20);
    }
  });

  it('a registration retried hourly for two centuries is a handful of steps', () => {
    const registering = register(
      createAgentState({ udi: { pid: 'ASAv', sn: 'S1' }, now: T0, entitlements: [] }),
      'tok',
      false,
      T0,
    );
    const s = advanceWith(registering, T0 + years(200), unreachable, { situation: 'k' });
    expect(s.registration.registerFailures).toBeGreaterThan(24 * 365 * 199);
    expect(steps(registering, T0 + years(200), unreachable)).toBeLessThan(10);
    // The next real send is the next attempt only when the failure is not remembered.
    expect(nextSentAt(s, 'k')).toBeUndefined();
    expect(nextSentAt(s, 'other')).toBe(s.registration.nextRegistrationAt);
  });

  it('a shouldStop that says yes ends the run with DriveStopped', () => {
    expect(() =>
      advanceWith(snapshot, printedAt + years(8), unreachable, { shouldStop: () => true }),
    ).toThrow(/time budget/);
  });
});
