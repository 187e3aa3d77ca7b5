// The attempts of an action that keeps failing, as a series of instants: the next attempt, the
// one after the first retry delay, then one every steady delay (timers.ts: 30 s then hourly for
// communication, 30 s then 15 min for ID renewal, hourly for registration). Counting how many of
// them fall before a given event is arithmetic, so the driver (drive.ts) can account for years of
// identical retries in one step instead of one step per retry.

import type { EventKey } from './machine.ts';
import { RETRY_KIND } from './machine.ts';
import type { Instant } from './protocol.ts';
import type { AgentAction } from './state.ts';
import { retryDelay } from './timers.ts';

export interface AttemptSeries {
  first: Instant;
  second: Instant;
  /** The delay between attempts from the second on. */
  step: number;
  /** False when the retry table is not constant from the second delay on: only two are known. */
  steady: boolean;
}

/** The attempts of `action` from `next` on, after `failures` consecutive failures so far. */
export function retrySeries(action: AgentAction, next: Instant, failures: number): AttemptSeries {
  const kind = RETRY_KIND[action];
  const step = retryDelay(kind, failures + 2);
  return {
    first: next,
    second: next + retryDelay(kind, failures + 1),
    step,
    steady: step > 0 && step === retryDelay(kind, failures + 3),
  };
}

/** The `i`-th attempt (0 = the first). */
export function attemptAt(s: AttemptSeries, i: number): Instant {
  return i === 0 ? s.first : s.second + (i - 1) * s.step;
}

/** How many attempts, from the first, an action of `rank` makes before the event `stop`. */
export function attemptsBefore(s: AttemptSeries, stop: EventKey, rank: number): number {
  const before = (t: Instant) => t < stop.at || (t === stop.at && rank < stop.rank);
  if (!before(s.first)) return 0;
  if (!before(s.second)) return 1;
  if (!s.steady) return 2;
  let j = Math.ceil((stop.at - s.second) / s.step);
  if (before(s.second + j * s.step)) j++;
  return 1 + j;
}

/** The first attempt at or after `from` (strictly after when `strict`); undefined when unknown. */
export function firstAttemptFrom(s: AttemptSeries, from: Instant, strict: boolean): Instant | undefined {
  const ok = (t: Instant) => (strict ? t > from : t >= from);
  if (ok(s.first)) return s.first;
  if (ok(s.second)) return s.second;
  if (!s.steady) return undefined;
  let j = Math.max(0, Math.ceil((from - s.second) / s.step));
  if (!ok(s.second + j * s.step)) j++;
  return s.second + j * s.step;
}
