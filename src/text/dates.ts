// Cisco Smart Agent timestamps. Agent 1.x prints `Dec 03 16:43:48 2018 UTC` (year after the
// time), agent 4.x prints `Jan 12 2026 13:09:43 UTC` (year before the time). We read both and
// hand out ISO-8601 UTC strings, which is what the JSON contract promises.

import type { IsoTime } from '../core/model.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_INDEX = new Map(MONTHS.map((m, i) => [m.toLowerCase(), i]));

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

/** Reads a Smart Agent timestamp in either layout; `undefined` when it is not one. */
export function parseCiscoDate(text: string): ParsedCiscoDate | undefined {
  const s = text.trim();
  let m = LAYOUT_4X.exec(s);
  let layout: DateLayout = '4x';
  let parts: [string, string, string, string, string, string, string | undefined] | undefined;
  if (m) parts = [m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]];
  else {
    m = LAYOUT_1X.exec(s);
    if (!m) return undefined;
    layout = '1x';
    parts = [m[1]!, m[2]!, m[6]!, m[3]!, m[4]!, m[5]!, m[7]];
  }
  const [mon, day, year, hh, mm, ss, zone] = parts;
  const month = MONTH_INDEX.get(mon.toLowerCase());
  if (month === undefined) return undefined;
  const ms = Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss));
  const date = new Date(ms);
  // Reject Feb 31 and friends rather than silently rolling them over.
  if (date.getUTCDate() !== Number(day) || date.getUTCHours() !== Number(hh)) return undefined;
  return { iso: date.toISOString(), layout, ...(zone ? { zone } : {}) };
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
    const unit = m[2]!.toLowerCase();
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
