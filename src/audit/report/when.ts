// How the views print times and spans: to the second, in UTC (a report read in another time zone
// means the same), and spans in whole days, the unit licensing deadlines are counted in.

import { DAY } from '../../core/time.ts';

/** `2026-12-03 13:17:21 UTC` from an epoch ms or ISO time (an unreadable one is returned as given). */
export function isoSecond(at: number | string): string {
  const t = typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(t)) return String(at);
  return `${new Date(t).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `1 day`, `30 days`: a span in whole days, rounded to the nearest. */
export function spellDays(ms: number): string {
  const n = Math.round(Math.abs(ms) / DAY);
  return `${n} day${n === 1 ? '' : 's'}`;
}
