// The time a device said it was (`show clock`), for `--now device`: evaluate a capture at the
// moment it was taken, or a lab device on its virtual clock. Only a time printed in UTC/GMT is
// trusted: a local zone name (CET, EST, …) cannot be mapped without the device's clock settings,
// so such a device falls back to the wall clock.

import type { CollectedOutput } from '../collect/types.ts';
import { kindOf } from './parse-outputs.ts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `13:09:43.123 UTC Mon Jan 12 2026` (ASA `show clock`) -> epoch ms, or undefined. */
export function parseShowClock(text: string): number | undefined {
  const m =
    /(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?\s+(UTC|GMT)\s+(?:[A-Za-z]{3}\s+)?([A-Za-z]{3})\s+(\d{1,2})\s+(\d{4})/.exec(
      text,
    );
  if (!m) return undefined;
  const month = MONTHS.indexOf((m[6] as string).toLowerCase());
  if (month < 0) return undefined;
  const ms = Number((m[4] ?? '0').padEnd(3, '0'));
  const t = Date.UTC(Number(m[8]), month, Number(m[7]), Number(m[1]), Number(m[2]), Number(m[3]), ms);
  return Number.isNaN(t) ? undefined : t;
}

/** The device's own time from its collected `show clock`, if it printed one in UTC. */
export function deviceClock(outputs: CollectedOutput[]): number | undefined {
  for (const o of outputs) {
    if (kindOf(o.command) !== undefined) continue;
    if (!/^\s*sh(o(w)?)?\s+clo/i.test(o.command)) continue;
    const t = parseShowClock(o.text);
    if (t !== undefined) return t;
  }
  return undefined;
}
