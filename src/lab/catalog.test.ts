// Every entitlement tag an emulated device can request has a pool in the lab's authority: otherwise
// a device that is healthy in every other respect turns OUT OF COMPLIANCE at its first renewal.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unreachableTransport } from '../core/agent/protocol.ts';
import { ASAV_THROUGHPUT_LEVELS, ENTITLEMENTS, FEATURE_TIERS } from '../core/entitlements.ts';
import { EmulatedDevice } from '../emulate/device.ts';
import { deviceSpecSchema } from '../emulate/device-spec.ts';
import { builtinLab } from './builtin.ts';
import { DEFAULT_POOLS } from './catalog.ts';

const POOLED = new Set(DEFAULT_POOLS.map((p) => p.tag));
const T0 = Date.parse('2026-01-12T13:09:43Z');
const clock = { now: () => T0 };

/** The tags a real emulated device built from `spec` asks the authority for. */
async function requested(spec: unknown): Promise<string[]> {
  const device = await EmulatedDevice.create(deviceSpecSchema.parse(spec), {
    clock,
    transport: unreachableTransport,
  });
  return device.licensing.stateAt(T0).entitlements.map((e) => e.tag);
}

describe('the lab pools what devices request', () => {
  it('has one pool for every catalogue entitlement, and no other', () => {
    expect([...POOLED].sort()).toEqual(ENTITLEMENTS.map((e) => e.tag).sort());
  });

  it('every device of the built-in lab asks for pooled tags only, and each licensed one asks for one', async () => {
    for (const spec of builtinLab({ password: 'x' }).devices) {
      const { name } = deviceSpecSchema.parse(spec);
      const tags = await requested(spec);
      expect(tags.length, name).toBe(1);
      for (const tag of tags) expect(POOLED.has(tag), `${name}: ${tag}`).toBe(true);
    }
  });

  it('any platform with any license smart configuration asks for pooled tags only', async () => {
    const platforms = [
      'ASAv',
      'ASAv10',
      'ASAv100',
      'FPR-1120',
      'FPR-2130',
      'FPR-3140',
      'FPR4K-SM-44',
      'FPR9K-SM-24',
    ];
    const word = (known: readonly string[]) =>
      fc.oneof(fc.constantFrom(...known), fc.stringMatching(/^[A-Za-z0-9]{1,6}$/));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...platforms), fc.stringMatching(/^[A-Za-z0-9-]{1,12}$/)),
        fc.option(word(FEATURE_TIERS), { nil: undefined }),
        fc.option(word(ASAV_THROUGHPUT_LEVELS), { nil: undefined }),
        async (platform, tier, level) => {
          const startupConfig = [
            'license smart',
            ...(tier ? [` feature tier ${tier}`] : []),
            ...(level ? [` throughput level ${level}`] : []),
          ].join('\n');
          for (const tag of await requested({ name: 'fw', platform, password: 'x', startupConfig }))
            expect(POOLED.has(tag), `${platform} ${tier} ${level}: ${tag}`).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
