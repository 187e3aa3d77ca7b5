// Durations and instant helpers for the pure core. Instants are epoch milliseconds (UTC); the core
// never reads the wall clock: every function that needs "now" takes it as an argument.

import type { Instant } from './agent/protocol.ts';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

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
