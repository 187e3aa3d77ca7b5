// The lab's one virtual clock. Every device agent and the authority read it. It can be set,
// advanced (by the lab, event by event), or left running at a speed factor relative to real time.

import { MAX_TOKEN_VALIDITY_MS } from '../authority/service.ts';
import type { Clock, Instant } from '../core/agent/protocol.ts';
import { DAY, HOUR, MINUTE, SECOND, WEEK, YEAR } from '../core/time.ts';

/**
 * The times the lab clock may show: 1970-01-01 to 9999-12-31 (ours: before 1970 nothing in a lab
 * makes sense, and ISO-8601 dates past 9999 need a sign and six digits that no one prints).
 */
const LAB_TIME_MIN = Date.UTC(1970, 0, 1);
const LAB_TIME_MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
export const LAB_TIME_RANGE = '1970-01-01 to 9999-12-31';

export function isLabTime(at: number): boolean {
  return Number.isFinite(at) && at >= LAB_TIME_MIN && at <= LAB_TIME_MAX;
}

function checkLabTime(at: number): void {
  if (!isLabTime(at)) throw new RangeError(`the lab clock runs from ${LAB_TIME_RANGE}, not ${at}`);
}

export class VirtualClock implements Clock {
  private base: Instant;
  private realBase: number;
  private factor: number;
  private readonly realNow: () => number;

  /**
   * @param start virtual time to start at (epoch ms)
   * @param opts.speed 0 = frozen (the default: time moves only when the lab advances it),
   *   1 = real time, 60 = a minute per second.
   * @param opts.realNow the real clock, injectable so tests need no timers.
   */
  constructor(start: Instant, opts: { speed?: number; realNow?: () => number } = {}) {
    this.realNow = opts.realNow ?? Date.now;
    checkLabTime(start);
    this.base = start;
    this.realBase = this.realNow();
    this.factor = opts.speed ?? 0;
  }

  now(): Instant {
    if (this.factor === 0) return this.base;
    return Math.floor(this.base + (this.realNow() - this.realBase) * this.factor);
  }

  /** Jump to `at` (within LAB_TIME_MIN..MAX). The speed is kept: a running clock keeps running. */
  set(at: Instant): void {
    checkLabTime(at);
    this.base = at;
    this.realBase = this.realNow();
  }

  get speed(): number {
    return this.factor;
  }

  /** Change the speed factor from the current instant on (0 freezes the clock). */
  setSpeed(factor: number): void {
    if (!Number.isFinite(factor) || factor < 0)
      throw new RangeError(`speed must be a number >= 0, got ${factor}`);
    this.base = this.now();
    this.realBase = this.realNow();
    this.factor = factor;
  }
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
  d: DAY,
  w: WEEK,
  y: YEAR,
};

/**
 * Parse a duration like `30d`, `12h`, `90m`, `1y`, `2w3d`, `45s`. Returns undefined when the text is
 * not a duration (a number too large to be one, `1e400y` written out, included), so the caller can
 * say what was expected.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(?:\.\d+)?(ms|s|m|h|d|w|y))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g)) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  }
  return Number.isSafeInteger(Math.round(total)) ? Math.round(total) : undefined;
}

/** An ID token validity: a duration above zero and up to 365 days (CSSM's longest), in ms. */
export function parseTokenValidity(text: string): number | undefined {
  const ms = parseDuration(text);
  return ms !== undefined && ms > 0 && ms <= MAX_TOKEN_VALIDITY_MS ? ms : undefined;
}
