// `<hostname> up …` as a real ASA prints it: the two largest units, never negative.

import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, SECOND, YEAR } from '../../src/core/time.ts';
import { renderUptime } from '../../src/text/index.ts';

describe('renderUptime', () => {
  it('prints the two largest units, as the real devices do', () => {
    // Issue 12's real devices and the corpus (1 year 97 days, 31 days 2 hours, 1 day 9 hours).
    expect(renderUptime(YEAR + 35 * DAY + 7 * HOUR)).toBe('1 year 35 days');
    expect(renderUptime(YEAR + 97 * DAY)).toBe('1 year 97 days');
    expect(renderUptime(173 * DAY + 16 * HOUR + 5 * MINUTE)).toBe('173 days 16 hours');
    expect(renderUptime(DAY + 9 * HOUR)).toBe('1 day 9 hours');
    expect(renderUptime(2 * HOUR + 12 * MINUTE + 40 * SECOND)).toBe('2 hours 12 mins');
    expect(renderUptime(10 * HOUR + 51 * MINUTE)).toBe('10 hours 51 mins');
    expect(renderUptime(55 * MINUTE + 53 * SECOND)).toBe('55 mins 53 secs');
    expect(renderUptime(2 * YEAR + DAY)).toBe('2 years 1 day');
  });

  it('keeps a second unit of 0, and prints seconds alone under a minute', () => {
    expect(renderUptime(400 * DAY)).toBe('1 year 35 days');
    expect(renderUptime(3 * DAY)).toBe('3 days 0 hours');
    expect(renderUptime(42 * SECOND)).toBe('42 secs');
    expect(renderUptime(0)).toBe('0 secs');
  });

  it('is never negative (a clock set backwards) nor garbage', () => {
    expect(renderUptime(-224 * DAY)).toBe('0 secs');
    expect(renderUptime(Number.NaN)).toBe('0 secs');
  });
});
