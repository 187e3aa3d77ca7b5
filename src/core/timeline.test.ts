import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../test/text/corpus.ts';
import { parseShowLicense } from '../text/index.ts';
import { fromLicenseView } from './agent/view.ts';
import { scenarioState } from './scenarios.ts';
import { DAY, isoDay } from './time.ts';
import { timeline } from './timeline.ts';

const NOW = Date.parse('2026-01-12T13:09:43Z');
const seedState = (n: number, at: string) =>
  fromLicenseView(
    parseShowLicense(readFileSync(join(FIXTURES_DIR, `seed-condition-${n}.txt`), 'utf8')).data,
    Date.parse(at),
  );
const brief = (events: ReturnType<typeof timeline>) => events.map((e) => `${isoDay(e.at)} ${e.kind}`);

describe('timeline: connectivity stays broken', () => {
  it('from seed condition 1: authorization expires on the deadline day, then the registration', () => {
    const ev = timeline(seedState(1, '2026-01-12T13:11:30Z'), Date.parse('2026-01-12T13:11:30Z'), {
      connectivity: 'broken',
    });
    expect(brief(ev)).toEqual([
      '2026-04-12 auth-expired',
      '2026-07-11 renew-failed',
      '2027-01-12 registration-expired',
    ]);
    const auth = ev[0];
    expect(auth?.severity).toBe('critical');
    expect(auth?.event).toBe(
      'authorization expires (communication deadline 2026-04-12 passed): AnyConnect Premium peers drop to 2, TLS proxy sessions to 2, throughput to 100 kbps',
    );
    expect(ev[2]?.event).toMatch(
      /reload comes back in EVAL MODE .*NOT ALLOWED.*VPN and SSH outage, failover split-brain risk/,
    );
  });

  it('from seed condition 2: only the registration expiry is left', () => {
    const at = Date.parse('2025-12-29T07:20:10Z');
    expect(brief(timeline(seedState(2, '2025-12-29T07:20:10Z'), at, { connectivity: 'broken' }))).toEqual([
      '2026-06-02 registration-expired',
    ]);
  });

  it('from seed condition 3: the evaluation period runs out', () => {
    const at = Date.parse('2025-12-16T12:59:30Z');
    expect(brief(timeline(seedState(3, '2025-12-16T12:59:30Z'), at, { connectivity: 'broken' }))).toEqual([
      `${isoDay(at + 90 * DAY)} eval-expired`,
    ]);
  });

  it.each([
    [
      'registered',
      [
        '2026-02-01 comm-failed',
        '2026-04-02 auth-expired',
        '2026-06-01 renew-failed',
        '2026-12-03 registration-expired',
      ],
    ],
    [
      'comm-failing',
      ['2026-03-03 auth-expired', '2026-06-01 renew-failed', '2026-12-03 registration-expired'],
    ],
    ['auth-expired', ['2026-06-06 registration-expired']],
  ] as const)('from the %s scenario', (name, expected) => {
    expect(brief(timeline(scenarioState(name, NOW), NOW, { connectivity: 'broken' }))).toEqual(expected);
  });

  it('says when a platform effect is not in our sources (Firepower)', () => {
    const ev = timeline(
      scenarioState('comm-failing', NOW),
      NOW,
      { connectivity: 'broken' },
      { platform: 'FPR-2130' },
    );
    expect(ev[0]?.event).toMatch(/exact limits for FPR-2130 are not in our sources/);
  });

  it('stops at the horizon', () => {
    expect(
      brief(timeline(scenarioState('registered', NOW), NOW, { connectivity: 'broken' }, { horizonDays: 19 })),
    ).toEqual([]);
  });
});

describe('timeline: connectivity restored', () => {
  it('restored before the deadline: nothing critical happens', () => {
    const ev = timeline(scenarioState('comm-failing', NOW), NOW, {
      connectivity: 'restored',
      at: NOW + 5 * DAY,
    });
    expect(ev.filter((e) => e.severity === 'critical')).toEqual([]);
    expect(brief(ev).slice(0, 2)).toEqual(['2026-01-17 restored', '2026-01-17 authorized']);
  });

  it('restored after an expiry: authorization and registration come back', () => {
    const ev = timeline(scenarioState('auth-expired', NOW), NOW, {
      connectivity: 'restored',
      at: NOW + 10 * DAY,
    });
    const kinds = ev.map((e) => e.kind);
    expect(kinds).toContain('authorized');
    expect(kinds).toContain('renewed');
    expect(kinds).not.toContain('registration-expired');
  });

  it('restored too late: the registration has already expired', () => {
    const ev = timeline(scenarioState('auth-expired', NOW), NOW, {
      connectivity: 'restored',
      at: NOW + 200 * DAY,
    });
    expect(brief(ev)).toEqual(['2026-06-06 registration-expired', '2026-07-31 restored']);
  });
});
