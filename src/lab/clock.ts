// The lab's one virtual clock. Every device agent and the authority read it. It can be set,
// advanced (by the lab, event by event), or left running at a speed factor relative to real time.

import type { Clock, Instant } from '../core/agent/protocol.ts';
import { DAY, HOUR, MINUTE, SECOND, WEEK, YEAR } from '../core/time.ts';

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
    this.base = start;
    this.realBase = this.realNow();
    this.factor = opts.speed ?? 0;
  }

  now(): Instant {
    if (this.factor === 0) return this.base;
    return Math.floor(this.base + (this.realNow() - this.realBase) * this.factor);
  }

  /** Jump to `at`. The speed is kept: a running clock keeps running from there. */
  set(at: Instant): void {
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
 * not a duration, so the caller can say what was expected.
 */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^(\d+(?:\.\d+)?(ms|s|m|h|d|w|y))+$/.test(trimmed)) return undefined;
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g)) {
    total += Number(match[1]) * (UNIT_MS[match[2] as string] as number);
  }
  return Math.round(total);
}
