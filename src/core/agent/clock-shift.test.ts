// Moving an agent's life with its clock (clock-shift.ts) is a translation in time: the machine,
// the driver and the view do the same thing Δ earlier, so a device whose clock is set back prints
// the same screens with every date Δ earlier and acts as far ahead as it would have.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand, commandOps } from '../../../test/helpers/agent-commands.ts';
import { DAY, HOUR } from '../time.ts';
import { shiftAgentState } from './clock-shift.ts';
import { register } from './commands.ts';
import { advanceWith } from './drive.ts';
import { nextDue } from './machine.ts';
import type { AgentRequest, ExchangeOutcome, Instant } from './protocol.ts';
import { simulatedAuthority, unreachable } from './simulated-authority.ts';
import { type AgentState, createAgentState } from './state.ts';
import { toLicenseView } from './view.ts';

const T0 = Date.parse('2026-01-12T13:09:43Z');
const yes = simulatedAuthority();
type Decide = (request: AgentRequest, at: Instant) => ExchangeOutcome;
const decide = (up: boolean): Decide => (up ? yes : unreachable);

/** The simulated authority names certificates after the time it issued them: not a date the device prints. */
function withoutCertificate(s: AgentState) {
  const { certificateId: _c, ...registration } = s.registration;
  return { ...s, registration };
}

const op = fc.oneof(
  ...commandOps,
  fc.record({
    kind: fc.constant('run' as const),
    dt: fc.oneof(fc.integer({ min: 0, max: 400 * DAY }), fc.integer({ min: 0, max: 3 * HOUR })),
    up: fc.boolean(),
    situation: fc.boolean(),
  }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function apply(s: AgentState, o: Op): AgentState {
  if (o.kind !== 'run') return applyCommand(s, o);
  return advanceWith(s, s.asOf + o.dt, decide(o.up), o.situation ? { situation: 'k' } : {});
}

const agent = fc.array(op, { maxLength: 8 }).map((ops) =>
  ops.reduce(
    apply,
    createAgentState({
      udi: { pid: 'ASAv', sn: 'S1' },
      now: T0,
      entitlements: [{ tag: 'ASAv-STD-1G', count: 1 }],
    }),
  ),
);
const by = fc.oneof(fc.integer({ min: -800 * DAY, max: 0 }), fc.integer({ min: -3 * HOUR, max: 3 * HOUR }));

describe('shiftAgentState', () => {
  it('moves every date the device prints by the same amount', () => {
    fc.assert(
      fc.property(agent, by, (s, d) => {
        const view = (x: AgentState, now: Instant) =>
          JSON.stringify(toLicenseView(x, now, { transport: { type: 'smart' } }));
        const isoMoved = view(s, s.asOf).replace(/"(\d{4}-\d\d-\d\dT[^"]+)"/g, (_m, iso: string) =>
          JSON.stringify(new Date(Date.parse(iso) + d).toISOString()),
        );
        expect(view(shiftAgentState(s, d), s.asOf + d)).toBe(isoMoved);
      }),
      { numRuns: 300 },
    );
  });

  it('commutes with running the agent: the same life, that much earlier', () => {
    fc.assert(
      fc.property(agent, by, fc.integer({ min: 0, max: 200 * DAY }), fc.boolean(), (s, d, dt, up) => {
        const later = advanceWith(s, s.asOf + dt, decide(up));
        const shiftedThenRun = advanceWith(shiftAgentState(s, d), s.asOf + d + dt, decide(up));
        expect(withoutCertificate(shiftedThenRun)).toEqual(withoutCertificate(shiftAgentState(later, d)));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps what is due next as far ahead, and forgets remembered failures', () => {
    const s = advanceWith(
      register(createAgentState({ udi: { pid: 'ASAv', sn: 'S1' }, now: T0 }), 't', false, T0),
      T0 + 40 * DAY,
      unreachable,
      { situation: 'blocked' },
    );
    expect(s.coalesce).toBeDefined();
    const back = shiftAgentState(s, -300 * DAY);
    expect(back.coalesce).toBeUndefined();
    expect((nextDue(back)?.at ?? 0) - back.asOf).toBe((nextDue(s)?.at ?? 0) - s.asOf);
    expect(JSON.parse(JSON.stringify(back))).toStrictEqual(back);
    expect(() => shiftAgentState(s, Number.NaN)).toThrow(RangeError);
  });
});
