// `show clock`, printed and read: `13:09:43.123 UTC Mon Jan 5 2026`. The ASA prints the day of
// the month without zero padding (the agent's own timestamps in `show license` pad it: dates.ts),
// and a leading `*` when the clock is not synchronised (not authoritative). Real captures print
// the same layout elsewhere: "Configuration last modified by some_user at 09:40:52.309 CST Thu Jun 6
// 2024" (corpus show-version__ntc-templates__4.txt).

import { MONTHS, monthOf } from './dates.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** What `show clock` prints at `at` (epoch ms), in UTC. */
export function renderShowClock(at: number): string {
  const d = new Date(at);
  const time = d.toISOString().slice(11, 23);
  return `${time} UTC ${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
}

export interface ShowClock {
  /** The zone word as printed (`UTC`, `CET`, …). */
  zone: string;
  /** The time, when the zone is UTC or GMT; a local zone cannot be mapped without the clock settings. */
  at?: number;
  /** The leading `*`: the clock is not synchronised. */
  unsynced: boolean;
}

const SHOW_CLOCK =
  /(\*)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?\s+([A-Za-z][\w+-]*)\s+(?:[A-Za-z]{3}\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{4})/;

/** Reads a `show clock` output (its first clock line), or undefined when it holds none. */
export function parseShowClock(text: string): ShowClock | undefined {
  const m = SHOW_CLOCK.exec(text);
  if (!m) return undefined;
  const month = monthOf(m[7] as string);
  if (month === undefined) return undefined;
  const zone = m[6] as string;
  const out: ShowClock = { zone, unsynced: m[1] === '*' };
  if (zone === 'UTC' || zone === 'GMT') {
    const ms = Number((m[5] ?? '0').padEnd(3, '0'));
    const t = Date.UTC(Number(m[9]), month, Number(m[8]), Number(m[2]), Number(m[3]), Number(m[4]), ms);
    if (!Number.isNaN(t)) out.at = t;
  }
  return out;
}
