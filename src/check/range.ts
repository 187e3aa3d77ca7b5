// Threshold ranges as the Monitoring Plugins development guidelines define them ("Threshold and
// ranges"): `10` alerts outside 0..10, `10:` below 10, `~:10` above 10, `10:20` outside 10..20,
// `@10:20` inside 10..20 (inclusive). `smartlic check -w/-c` read days with them.

import { UsageError } from '../errors.ts';

export interface Range {
  /** The range as given, for the perfdata's warn/crit fields. */
  text: string;
  start: number;
  end: number;
  /** `@`: alert when the value is inside, not outside. */
  inside: boolean;
}

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Parse a threshold range; a malformed one is a usage error naming the flag. */
export function parseRange(text: string, flag: string): Range {
  const bad = (why: string) =>
    new UsageError(
      `${flag}: ${why}: ${JSON.stringify(text)} (Monitoring Plugins range: 10, 10:, ~:10, 10:20, @10:20)`,
    );
  const inside = text.startsWith('@');
  const body = inside ? text.slice(1) : text;
  if (body === '') throw bad('empty');
  const colon = body.indexOf(':');
  const startText = colon < 0 ? '0' : body.slice(0, colon);
  const endText = colon < 0 ? body : body.slice(colon + 1);
  const start = startText === '~' ? Number.NEGATIVE_INFINITY : startText === '' ? 0 : num(startText);
  const end = endText === '' ? Number.POSITIVE_INFINITY : num(endText);
  if (start === undefined || end === undefined || body.includes(':', colon + 1)) throw bad('not a range');
  if (start > end) throw bad('the start is greater than the end');
  return { text, start, end, inside };
}

function num(s: string): number | undefined {
  return NUMBER.test(s) ? Number(s) : undefined;
}

/** True when `value` should raise an alert under this range. */
export function alerts(range: Range, value: number): boolean {
  const within = value >= range.start && value <= range.end;
  return range.inside ? within : !within;
}
