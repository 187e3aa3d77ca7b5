import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMERS } from './agent/timers.ts';
import { DAY, HOUR, MINUTE, SECOND, spellDuration, spellEvery, spellMonths, WEEK, YEAR } from './time.ts';

describe('durations in words', () => {
  it('spells a duration exactly in its largest whole unit', () => {
    expect(spellDuration(90 * DAY)).toBe('90 days');
    expect(spellDuration(YEAR)).toBe('1 year');
    expect(spellDuration(HOUR)).toBe('1 hour');
    expect(spellDuration(15 * MINUTE)).toBe('15 minutes');
    expect(spellDuration(30 * SECOND)).toBe('30 seconds');
    expect(spellDuration(25 * HOUR)).toBe('25 hours');
    expect(spellDuration(1500)).toBe('1.5 seconds');
  });

  it('spells a repetition', () => {
    expect(spellEvery(HOUR)).toBe('hourly');
    expect(spellEvery(DAY)).toBe('daily');
    expect(spellEvery(MINUTE)).toBe('every minute');
    expect(spellEvery(15 * MINUTE)).toBe('every 15 minutes');
    expect(spellEvery(2 * WEEK)).toBe('every 14 days');
  });

  it('spells long durations in months, short ones exactly', () => {
    expect(spellMonths(180 * DAY)).toBe('6 months');
    expect(spellMonths(30 * DAY)).toBe('1 month');
    expect(spellMonths(YEAR)).toBe('12 months');
    expect(spellMonths(3 * DAY)).toBe('3 days');
  });

  it('says the agent timers the way the prose used to (seed; docs/ARCHITECTURE.md, "Timers")', () => {
    expect(spellEvery(DEFAULT_TIMERS.commRetryLater)).toBe('hourly');
    expect(spellEvery(DEFAULT_TIMERS.renewRetryLater)).toBe('every 15 minutes');
    expect(spellDuration(DEFAULT_TIMERS.commDeadlineAfter)).toBe('90 days');
    expect(spellDuration(DEFAULT_TIMERS.evaluationPeriod)).toBe('90 days');
    expect(spellDuration(DEFAULT_TIMERS.registrationValidity)).toBe('1 year');
    expect(spellMonths(DEFAULT_TIMERS.idRenewAfter)).toBe('6 months');
  });
});
