import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatCiscoDate,
  formatCiscoDuration,
  parseCiscoDate,
  parseCiscoDuration,
} from '../../src/text/index.ts';
import { isoTime } from './arbitraries.ts';

describe('Cisco Smart Agent dates', () => {
  it('reads both layouts', () => {
    expect(parseCiscoDate('Dec 03 16:43:48 2018 UTC')).toEqual({
      iso: '2018-12-03T16:43:48.000Z',
      layout: '1x',
      zone: 'UTC',
    });
    expect(parseCiscoDate('Jan 12 2026 13:09:43 UTC')).toEqual({
      iso: '2026-01-12T13:09:43.000Z',
      layout: '4x',
      zone: 'UTC',
    });
    expect(parseCiscoDate('Feb 29 2024 00:00:00 UTC')?.iso).toBe('2024-02-29T00:00:00.000Z');
  });

  it.each([
    'Feb 29 2023 00:00:00 UTC',
    'Apr 31 2026 00:00:00 UTC',
    'Jan 12 2026 24:00:00 UTC',
    'Foo 12 2026 13:09:43 UTC',
    'None',
    '',
  ])('rejects %j', (text) => {
    expect(parseCiscoDate(text)).toBeUndefined();
  });

  it('format and parse agree with Date for any second, in both layouts', () => {
    fc.assert(
      fc.property(isoTime, fc.constantFrom('4x' as const, '1x' as const), (iso, layout) => {
        expect(parseCiscoDate(formatCiscoDate(iso, layout))).toEqual({ iso, layout, zone: 'UTC' });
        expect(new Date(iso).toISOString()).toBe(iso);
      }),
    );
  });

  it('evaluation durations', () => {
    expect(parseCiscoDuration('89 days, 1 hours, 33 minutes, 51 seconds')).toBe(7695231);
    expect(formatCiscoDuration(7695231)).toBe('89 days, 1 hours, 33 minutes, 51 seconds');
    expect(parseCiscoDuration('soon')).toBeUndefined();
  });
});
