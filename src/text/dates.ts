// Cisco Smart Agent timestamps. Agent 1.x prints `Dec 03 16:43:48 2018 UTC` (year after the
// time), agent 4.x prints `Jan 12 2026 13:09:43 UTC` (year before the time). We read both and
// hand out ISO-8601 UTC strings, which is what the JSON contract promises.

import type { IsoTime } from '../core/model.ts';
import { isDigit, isLetter } from './chars.ts';

/** The month abbreviations the agent and `show clock` print. */
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

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
  return parsePrinted(s) ?? parseLoose(s);
}

// Month number by its three letters, folded to lower case, packed into one integer (no string).
const MONTH_BY_CODE = new Map<number, number>(MONTHS.map((m, i) => [monthCode(m.toLowerCase(), 0), i]));
function monthCode(s: string, at: number): number {
  return ((s.charCodeAt(at) | 32) << 16) | ((s.charCodeAt(at + 1) | 32) << 8) | (s.charCodeAt(at + 2) | 32);
}
/** The month (0-11) whose abbreviation, in any case, is the three letters at s[at], or undefined. */
function monthAt(s: string, at: number): number | undefined {
  if (!isLetter(s.charCodeAt(at)) || !isLetter(s.charCodeAt(at + 1)) || !isLetter(s.charCodeAt(at + 2)))
    return undefined;
  return MONTH_BY_CODE.get(monthCode(s, at));
}
/** The month (0-11) a printed abbreviation names, in any case (`Jan`, `JAN`), or undefined. */
export function monthOf(name: string): number | undefined {
  return name.length === 3 ? monthAt(name, 0) : undefined;
}
/** Two digits at s[at], s[at+1] as a number; -1 when they are not digits. */
function two(s: string, at: number): number {
  const a = s.charCodeAt(at);
  const b = s.charCodeAt(at + 1);
  return isDigit(a) && isDigit(b) ? (a - 48) * 10 + b - 48 : -1;
}

/**
 * The exact shapes the agent prints (two-digit day and hour, single spaces), read in place from
 * src[from, to): 4x `Jan 12 2026 13:09:43[ ZONE]`, 1x `Dec 03 16:43:48 2018[ ZONE]`. Returns the
 * ISO time, or undefined for anything else (one-digit day, doubled blanks, leading blanks), which
 * goes to the regular expressions in parseLoose: they accept a superset of these shapes and give
 * the same result for them (property-tested). Parsers call this on the capture itself, so a date
 * costs one string (the ISO one) rather than four.
 */
export function printedIsoAt(src: string, from: number, to: number): IsoTime | undefined {
  const len = to - from;
  if (len < 20 || src.charCodeAt(from + 3) !== 32 || src.charCodeAt(from + 6) !== 32) return undefined;
  const month = monthAt(src, from);
  const day = two(src, from + 4);
  if (month === undefined || day < 0) return undefined;
  // 4x has the year at 7..11 and the time at 12..20; 1x the time at 7..15 and the year at 16..20.
  const is4x = src.charCodeAt(from + 11) === 32 && src.charCodeAt(from + 14) === 58;
  const y = from + (is4x ? 7 : 16);
  const h = from + (is4x ? 12 : 7);
  if (!is4x && !(src.charCodeAt(from + 15) === 32 && src.charCodeAt(from + 9) === 58)) return undefined;
  if (src.charCodeAt(h + 2) !== 58 || src.charCodeAt(h + 5) !== 58) return undefined;
  const yh = two(src, y);
  const yl = two(src, y + 2);
  const hh = two(src, h);
  const mm = two(src, h + 3);
  const ss = two(src, h + 6);
  if (yh < 0 || yl < 0 || hh < 0 || mm < 0 || ss < 0) return undefined;
  // The zone word: nothing, or one space and printable ASCII without blanks.
  if (len > 20) {
    if (src.charCodeAt(from + 20) !== 32 || len === 21) return undefined;
    for (let i = from + 21; i < to; i++) {
      const c = src.charCodeAt(i);
      if (c <= 32 || c >= 127) return undefined;
    }
  }
  const year = yh * 100 + yl;
  if (day < 1 || hh > 23 || mm > 59 || ss > 59) return undefined;
  if (day > (DAYS_IN_MONTH[month] ?? 31) || (month === 1 && day === 29 && !isLeap(year))) return undefined;
  // One flat string built from character codes: a template literal would make a tree of five
  // cons/sliced strings per date, and parse results keep hundreds of thousands of dates (GC cost).
  const m10 = month + 1 >= 10 ? 49 : 48;
  const m1 = 48 + ((month + 1) % 10);
  const d = from + 4;
  // No helper closure for charCodeAt here: tsx (esbuild keepNames) wraps every closure created at
  // run time in a __name() call that defines a property, which cost more than the date itself.
  // biome-ignore format: one row per ISO part reads better than one code per line
  return String.fromCharCode(
    src.charCodeAt(y), src.charCodeAt(y + 1), src.charCodeAt(y + 2), src.charCodeAt(y + 3), 45, m10, m1, 45, // YYYY-MM-
    src.charCodeAt(d), src.charCodeAt(d + 1), 84, // DDT
    src.charCodeAt(h), src.charCodeAt(h + 1), 58, src.charCodeAt(h + 3), src.charCodeAt(h + 4), 58, // hh:mm:
    src.charCodeAt(h + 6), src.charCodeAt(h + 7), 46, 48, 48, 48, 90, // ss.000Z
  );
}

/** True when src[from, to), a date {@link printedIsoAt} read, carries no zone word or `UTC`. */
export function printedInUtc(src: string, from: number, to: number): boolean {
  return to - from === 20 || (to - from === 24 && src.startsWith('UTC', from + 21));
}

/** {@link printedIsoAt} of a whole string, with the layout and zone word it was printed in. */
function parsePrinted(s: string): ParsedCiscoDate | undefined {
  const iso = printedIsoAt(s, 0, s.length);
  if (iso === undefined) return undefined;
  const layout: DateLayout = s.charCodeAt(11) === 32 && s.charCodeAt(14) === 58 ? '4x' : '1x';
  if (s.length === 20) return { iso, layout };
  return { iso, layout, zone: printedInUtc(s, 0, s.length) ? 'UTC' : s.slice(21) };
}

/**
 * The general reader: either layout with any blanks, one- or two-digit day and hour.
 * @internal exported for the test that holds the fast path to it.
 */
export function parseLoose(s: string): ParsedCiscoDate | undefined {
  // Built by hand rather than through Date: parsers read hundreds of thousands of these.
  const m4 = LAYOUT_4X.exec(s);
  const m = m4 ?? LAYOUT_1X.exec(s);
  if (!m) return undefined;
  const [, mon = '', day = '', a = '', b = '', c = '', d = '', zone] = m;
  const [year, hh, mm, ss] = m4 ? [a, b, c, d] : [d, a, b, c];
  const month = monthOf(mon);
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
  return printedDurationAt(text, 0, text.length) ?? looseDuration(text);
}

const DURATION_PARTS: [string, number][] = [
  [' days, ', 86400],
  [' hours, ', 3600],
  [' minutes, ', 60],
  [' seconds', 1],
];

/** The exact form the agent prints, read in place without a regex; undefined for anything else. */
export function printedDurationAt(src: string, from: number, to: number): number | undefined {
  let at = from;
  let total = 0;
  for (const [unit, seconds] of DURATION_PARTS) {
    const first = at;
    let n = 0;
    while (at < to && isDigit(src.charCodeAt(at))) n = n * 10 + src.charCodeAt(at++) - 48;
    // Up to 15 digits stay exact in a double, as Number() of the digits would be.
    if (at === first || at - first > 15 || at + unit.length > to || !src.startsWith(unit, at))
      return undefined;
    at += unit.length;
    total += n * seconds;
  }
  return at === to ? total : undefined;
}

/** @internal the regex reader, exported for the test that holds the fast path to it. */
export function looseDuration(text: string): number | undefined {
  let total = 0;
  let seen = false;
  // A number starts only where a run of digits does: from inside a long run that no unit follows,
  // `\d+` would rescan the rest of it from every digit.
  for (const m of text.matchAll(/(?<!\d)(\d+)\s*(day|hour|minute|min|second|sec)s?/gi)) {
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
