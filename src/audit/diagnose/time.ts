// Small date helpers for diagnosis. Pure: `now` is always passed in.

const DAY_MS = 86_400_000;

/** Whole days from `now` to `at`, rounded toward the past (negative once `at` has passed). */
export function daysUntil(at: string | undefined, now: number): number | null {
  if (!at) return null;
  const t = Date.parse(at);
  if (Number.isNaN(t)) return null;
  return Math.floor((t - now) / DAY_MS);
}

/** `2026-04-12` from an ISO time (an unreadable time is returned as given, never thrown). */
export function isoDay(at: string | number): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? String(at) : d.toISOString().slice(0, 10);
}

/** True when `at` is a valid time at or before `now`. */
export function isPast(at: string | undefined, now: number): boolean {
  if (!at) return false;
  const t = Date.parse(at);
  return !Number.isNaN(t) && t <= now;
}
