// Durations and instant helpers for the pure core. Instants are epoch milliseconds (UTC); the core
// never reads the wall clock: every function that needs "now" takes it as an argument.

import type { Instant } from './agent/protocol.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
/** The year of the agent's timers and the lab's `1y`: 365 days (no calendar arithmetic). */
export const YEAR = 365 * DAY;

const UNITS: ReadonlyArray<[name: string, ms: number]> = [
  ['year', YEAR],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
  ['second', SECOND],
];

const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * A duration in words, exactly, in the largest unit that divides it: `90 days`, `1 year`,
 * `15 minutes`, `30 seconds`. Sentences that state a timer build it from the value with this, so
 * that changing the timer changes the sentence.
 */
export function spellDuration(ms: number): string {
  const unit = UNITS.find(([, size]) => ms >= size && ms % size === 0);
  return unit ? count(ms / unit[1], unit[0]) : count(ms / SECOND, 'second');
}

/** How often something repeats: `hourly`, `daily`, `every 15 minutes`, `every 30 seconds`. */
export function spellEvery(ms: number): string {
  if (ms === HOUR) return 'hourly';
  if (ms === DAY) return 'daily';
  const unit = UNITS.find(([, size]) => ms === size);
  return unit ? `every ${unit[0]}` : `every ${spellDuration(ms)}`;
}

/**
 * A long duration in whole months, for "about every 6 months": the nearest number of twelfths of
 * a year (180 days → 6 months). Durations under two weeks are spelled exactly instead.
 */
export function spellMonths(ms: number): string {
  if (ms < 2 * WEEK) return spellDuration(ms);
  return count(Math.max(1, Math.round(ms / (YEAR / 12))), 'month');
}

/** ISO-8601 UTC string for an instant, the model's `IsoTime` (`2026-01-12T13:09:43.000Z`). */
export function toIso(at: Instant): string {
  return new Date(at).toISOString();
}

/** Epoch ms from an ISO-8601 string; `undefined` for absent or unparseable input. */
export function fromIso(iso: string | undefined | null): Instant | undefined {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `YYYY-MM-DD` for report sentences. */
export function isoDay(at: Instant): string {
  return toIso(at).slice(0, 10);
}
