import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ASAV_THROUGHPUT_LEVELS,
  ENTITLEMENTS,
  entitlementByTag,
  entitlementName,
  FEATURE_TIERS,
  requestedEntitlements,
} from './entitlements.ts';
import { recognisePlatform } from './platforms.ts';

const smart = (featureTier?: string, throughputLevel?: string) => ({
  smart: true,
  ...(featureTier === undefined ? {} : { featureTier }),
  ...(throughputLevel === undefined ? {} : { throughputLevel }),
});

describe('entitlement catalogue', () => {
  it('ASAv asks for ASAv-STD-<level>, named as show license all prints it (corpus NTC-ALL1, NTC-ALL5)', () => {
    expect(requestedEntitlements('ASAv10', smart('standard', '1G'))).toEqual([
      { tag: 'ASAv-STD-1G', count: 1 },
    ]);
    expect(requestedEntitlements('ASAv', smart('standard', '100m'))).toEqual([
      { tag: 'ASAv-STD-100M', count: 1 },
    ]);
    expect(entitlementName('ASAv-STD-100M')).toBe('ASAv5 Standard - 100M');
    expect(entitlementName('ASAv-STD-10G')).toBe('ASAv50 Standard - 10G');
    expect(entitlementName('nope')).toBeUndefined();
  });

  it('every ASAv level maps to one entitlement whose limits model exists', () => {
    for (const level of ASAV_THROUGHPUT_LEVELS) {
      const [request] = requestedEntitlements('ASAv', smart('standard', level));
      const e = entitlementByTag(request?.tag ?? '');
      expect(e?.throughputLevel, level).toBe(level);
      expect(recognisePlatform(e?.model ?? '')?.family, level).toBe('ASAv');
    }
  });

  it('an ASA on Firepower asks for its family tag with the tier alone (assumed, marked so)', () => {
    expect(requestedEntitlements('FPR-2130', smart('standard'))).toEqual([
      { tag: 'FPR2100-ASA-STANDARD', count: 1 },
    ]);
    expect(requestedEntitlements('FPR9K-SM-24', smart('standard', '1G'))).toEqual([
      { tag: 'FPR9300-ASA-STANDARD', count: 1 },
    ]);
    for (const e of ENTITLEMENTS.filter((x) => x.family !== 'ASAv'))
      expect(e.source, e.tag).toMatch(/^assumption/);
  });

  it('asks for nothing without Smart Licensing, a tier, an ASAv level, or on PAK and unknown platforms', () => {
    expect(
      requestedEntitlements('ASAv10', { smart: false, featureTier: 'standard', throughputLevel: '1G' }),
    ).toEqual([]);
    expect(requestedEntitlements('ASAv10', smart(undefined, '1G'))).toEqual([]);
    expect(requestedEntitlements('ASAv10', smart('standard'))).toEqual([]);
    expect(requestedEntitlements('ASA5555', smart('standard'))).toEqual([]);
    expect(requestedEntitlements('Catalyst 9300', smart('standard'))).toEqual([]);
    expect(requestedEntitlements('ASAv10', smart('standard', '5G'))).toEqual([]);
  });

  it('whatever the platform and configuration, a request is a catalogue tag', () => {
    const platforms = [
      'ASAv',
      'ASAv10',
      'ASAv50',
      'FPR-1010',
      'FPR-2130',
      'FPR-3110',
      'FPR4K-SM-12',
      'FPR9K-SM-24',
    ];
    const word = (known: readonly string[]) =>
      fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 6 }));
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...platforms), fc.string({ maxLength: 12 })),
        fc.boolean(),
        fc.option(word(FEATURE_TIERS), { nil: undefined }),
        fc.option(word(ASAV_THROUGHPUT_LEVELS), { nil: undefined }),
        (platform, on, tier, level) => {
          const config = { smart: on, ...(tier === undefined ? {} : { featureTier: tier }) };
          const requests = requestedEntitlements(platform, {
            ...config,
            ...(level === undefined ? {} : { throughputLevel: level }),
          });
          for (const r of requests) expect(entitlementByTag(r.tag)).toBeDefined();
        },
      ),
    );
  });

  it('tags are unique', () => {
    expect(new Set(ENTITLEMENTS.map((e) => e.tag)).size).toBe(ENTITLEMENTS.length);
  });
});
