// How `show version` prints how long a box has been up (`<hostname> up …`, `failover cluster up …`):
// the two largest units, [observed] `1 year 97 days`, `31 days 2 hours`, `1 day 9 hours`,
// `10 hours 51 mins` (corpus) and `2 hours 12 mins`, `55 mins 53 secs` (issue 12's real devices).
// [assumed] the second unit is printed even when it is 0 (`3 days 0 hours`); a year is 365 days.

import { DAY, HOUR, MINUTE, SECOND, YEAR } from '../../core/time.ts';

const UNITS: ReadonlyArray<[singular: string, plural: string, ms: number]> = [
  ['year', 'years', YEAR],
  ['day', 'days', DAY],
  ['hour', 'hours', HOUR],
  ['min', 'mins', MINUTE],
  ['sec', 'secs', SECOND],
];

/** `1 year 35 days`, `173 days 16 hours`, `2 hours 12 mins`, `55 mins 53 secs`; never negative. */
export function renderUptime(ms: number): string {
  let rest = Number.isFinite(ms) ? Math.max(0, Math.floor(ms)) : 0;
  const counts = UNITS.map(([, , size]) => {
    const n = Math.floor(rest / size);
    rest -= n * size;
    return n;
  });
  const first = Math.min(
    counts.findIndex((n) => n > 0),
    UNITS.length - 1,
  );
  const at = first < 0 ? UNITS.length - 1 : first;
  const word = (i: number) => {
    const n = counts[i] as number;
    const [one, many] = UNITS[i] as [string, string, number];
    return `${n} ${n === 1 ? one : many}`;
  };
  return at === UNITS.length - 1 ? word(at) : `${word(at)} ${word(at + 1)}`;
}
