// A clock set backward, from the agent's side. The machine never moves backwards (`tick` ignores a
// `now` before `asOf`), so a device whose clock is set back by some days would otherwise sit with
// its last attempts in the future and its timers a lifetime away, printing DEADLINE EXCEEDED
// beside AUTHORIZED. Instead the agent's whole life moves with the clock: every instant it holds
// (the attempts it remembers, its timers, its certificate and deadline, the evaluation clock, the
// time it was brought up to) moves by the same amount. The state is then exactly the one the same
// history would have produced that much earlier, so every printed state is one the machine can be
// in, and what is due next is as far ahead as it was. What a real ASA's agent does when its clock
// is set back is not in our sources: this is our choice (src/emulate/README.md).

import type { Instant } from './protocol.ts';
import type { AgentState, AttemptRecord } from './state.ts';

const moved = (at: Instant | undefined, by: number) => (at === undefined ? undefined : at + by);

/** `{ key: t + by }`, or nothing when `t` is undefined (the state stays plain JSON). */
const field = <K extends string>(key: K, at: Instant | undefined, by: number) =>
  at === undefined ? {} : ({ [key]: at + by } as Record<K, Instant>);

function attempt<T extends AttemptRecord | null | undefined>(a: T, by: number): T {
  return (a ? { ...a, at: a.at + by } : a) as T;
}

/**
 * The agent state with every instant it holds moved by `by` ms (negative: earlier). Remembered
 * failures (`coalesce`) are dropped: the situation they were seen in is over.
 */
export function shiftAgentState(state: AgentState, by: number): AgentState {
  if (!Number.isFinite(by)) throw new RangeError(`cannot move the agent's clock by ${by}`);
  const { coalesce: _forgotten, ...s } = state;
  const r = s.registration;
  const a = s.authorization;
  const e = s.evaluation;
  return {
    ...s,
    registration: {
      ...r,
      ...field('issuedAt', r.issuedAt, by),
      ...field('expiresAt', r.expiresAt, by),
      ...(r.initial === undefined ? {} : { initial: attempt(r.initial, by) }),
      ...(r.lastRenewal === undefined ? {} : { lastRenewal: attempt(r.lastRenewal, by) }),
      ...field('nextRenewalAt', r.nextRenewalAt, by),
      ...field('nextRegistrationAt', r.nextRegistrationAt, by),
    },
    authorization: {
      ...a,
      ...field('since', a.since, by),
      ...(a.lastComm === undefined ? {} : { lastComm: attempt(a.lastComm, by) }),
      ...field('nextCommAt', a.nextCommAt, by),
      ...field('lastSuccessAt', a.lastSuccessAt, by),
      ...field('deadlineAt', a.deadlineAt, by),
    },
    evaluation: {
      ...e,
      ...field('runningSince', e.runningSince, by),
      ...field('expiredAt', e.expiredAt, by),
    },
    asOf: moved(s.asOf, by) as Instant,
  };
}
