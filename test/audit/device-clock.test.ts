// `--now device`: the device's own `show clock` (as the emulator and a real ASA print it) is the
// time its snapshot is evaluated at.

import { describe, expect, it } from 'vitest';
import { deviceClock } from '../../src/audit/diagnose/device-clock.ts';
import { runAudit } from '../../src/audit/run.ts';
import { renderShowClock as clockText, parseShowClock } from '../../src/text/index.ts';
import { fileCollection, seedConditions } from './inputs.ts';

describe('show clock', () => {
  it('prints the day of the month without zero padding, as the ASA does', () => {
    expect(clockText(Date.parse('2026-01-05T13:09:43.123Z'))).toBe('13:09:43.123 UTC Mon Jan 5 2026');
    expect(clockText(Date.parse('2026-01-12T13:09:43.123Z'))).toBe('13:09:43.123 UTC Mon Jan 12 2026');
  });

  it('takes sh clo as show clock', () => {
    expect(deviceClock([{ command: 'sh clo', text: '13:09:43.123 UTC Mon Jan 5 2026' }])).toBe(
      Date.parse('2026-01-05T13:09:43.123Z'),
    );
  });

  it('reads what the emulated ASA prints, at any time', () => {
    for (const iso of ['2026-01-12T13:09:43.123Z', '2027-12-31T23:59:59.000Z', '2024-02-29T00:00:00.007Z']) {
      expect(parseShowClock(clockText(Date.parse(iso)))?.at).toBe(Date.parse(iso));
    }
    expect(parseShowClock('*13:09:43.123 UTC Mon Jan 12 2026')).toEqual({
      zone: 'UTC',
      unsynced: true,
      at: Date.parse('2026-01-12T13:09:43.123Z'),
    });
  });

  it('ignores a local zone it cannot map, and other commands', () => {
    expect(parseShowClock('13:09:43.123 CET Mon Jan 12 2026')).toEqual({ zone: 'CET', unsynced: false });
    expect(
      deviceClock([{ command: 'show license all', text: '13:09:43.123 UTC Mon Jan 12 2026' }]),
    ).toBeUndefined();
    expect(deviceClock([{ command: 'show clock', text: '13:09:43.123 UTC Mon Jan 12 2026\n' }])).toBe(
      Date.parse('2026-01-12T13:09:43.123Z'),
    );
  });
});

describe('evaluating at the device clock', () => {
  it('each device is evaluated at its own clock; the report says the latest', async () => {
    const seed = seedConditions();
    const at = (iso: string) => ({ 'show license all': seed.comm, 'show clock': clockText(Date.parse(iso)) });
    const report = await runAudit({
      collections: [
        fileCollection('early', at('2026-02-01T00:00:00Z'), '2030-01-01T00:00:00Z'),
        fileCollection('late', at('2026-05-01T00:00:00Z'), '2030-01-01T00:00:00Z'),
      ],
      now: Date.parse('2030-01-01T00:00:00Z'),
      nowFor: (c) => deviceClock(c.outputs),
    });
    const row = (n: string) => report.devices.find((d) => d.device === n);
    expect(row('early')?.facts.daysToDeadline).toBe(70);
    expect(row('early')?.findings.map((f) => f.code)).toContain('COMM_FAILING');
    expect(row('late')?.findings.map((f) => f.code)).toContain('AUTH_EXPIRED');
    expect(report.now).toBe('2026-05-01T00:00:00.000Z');
  });
});
