// Cisco Smart Agent timestamps. Agent 1.x prints `Dec 03 16:43:48 2018 UTC` (year after the
// time), agent 4.x prints `Jan 12 2026 13:09:43 UTC` (year before the time). We read both and
// hand out ISO-8601 UTC strings, which is what the JSON contract promises.

import type { IsoTime } from '../core/model.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_LETTERS = MONTHS.join('').toLowerCase();

/** `4x`: `Jan 12 2026 13:09:43 UTC` (current agents, the default); `1x`: `Dec 03 16:43:48 2018 UTC`. */
export type DateLayout = '4x' | '1x';

const LAYOUT_4X = /^([A-Za-z]{3})\s+(\d{1,2})\s+(\d{4})\s+(\d{1,2}):(\d{2}):(\d{2})(?:\s+(\S+))?$/;
const LAYOUT_1X = /^([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})(?:\s+(\S+))?$/;

export interface ParsedCiscoDate {
  iso: IsoTime;
  layout: DateLayout;
  /** The zone word as printed (`UTC` on every sample we have); other zones are read as UTC. */
  zone?: string;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Reads a Smart Agent timestamp in either layout; `undefined` when it is not one. */
export function parseCiscoDate(text: string): ParsedCiscoDate | undefined {
  const s = text.trim();
  // Built by hand rather than through Date: parsers read hundreds of thousands of these.
  const m4 = LAYOUT_4X.exec(s);
  const m = m4 ?? LAYOUT_1X.exec(s);
  if (!m) return undefined;
  const [, mon = '', day = '', a = '', b = '', c = '', d = '', zone] = m;
  const [year, hh, mm, ss] = m4 ? [a, b, c, d] : [d, a, b, c];
  const at = MONTH_LETTERS.indexOf(mon.toLowerCase());
  const month = at >= 0 && at % 3 === 0 ? at / 3 : undefined;
  const dayN = Number(day);
  const yearN = Number(year);
  if (month === undefined || dayN < 1 || Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59)
    return undefined;
  // Reject Feb 30 and friends rather than silently rolling them over.
  if (dayN > (DAYS_IN_MONTH[month] ?? 31) || (month === 1 && dayN === 29 && !isLeap(yearN))) return undefined;
  const iso = `${year}-${pad2(month + 1)}-${pad2(dayN)}T${hh.padStart(2, '0')}:${mm}:${ss}.000Z`;
  return { iso, layout: m4 ? '4x' : '1x', ...(zone ? { zone } : {}) };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Prints an ISO time the way the agent does, in the requested layout, always in UTC. */
export function formatCiscoDate(iso: IsoTime, layout: DateLayout = '4x'): string {
  const d = new Date(iso);
  const mon = MONTHS[d.getUTCMonth()];
  const day = pad2(d.getUTCDate());
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  const year = d.getUTCFullYear();
  return layout === '1x' ? `${mon} ${day} ${time} ${year} UTC` : `${mon} ${day} ${year} ${time} UTC`;
}

const DURATION_UNITS: Record<string, number> = { day: 86400, hour: 3600, minute: 60, second: 1 };

/** `89 days, 1 hours, 33 minutes, 51 seconds` -> seconds; `undefined` when no unit is recognised. */
export function parseCiscoDuration(text: string): number | undefined {
  let total = 0;
  let seen = false;
  for (const m of text.matchAll(/(\d+)\s*(day|hour|minute|min|second|sec)s?/gi)) {
    const unit = (m[2] ?? '').toLowerCase();
    const key = unit === 'min' ? 'minute' : unit === 'sec' ? 'second' : unit;
    total += Number(m[1]) * (DURATION_UNITS[key] ?? 0);
    seen = true;
  }
  return seen ? total : undefined;
}

/** Seconds -> `89 days, 1 hours, 33 minutes, 51 seconds` (the agent always prints all four, plural). */
export function formatCiscoDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  return `${days} days, ${hours} hours, ${minutes} minutes, ${s % 60} seconds`;
}
