import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../test/text/corpus.ts';
import { parseShowVersion } from '../text/index.ts';
import {
  featureChanges,
  featureLimits,
  featuresCutAtAuthExpiry,
  type LicensingCondition,
} from './platform-features.ts';
import { type PlatformInfo, recognisePlatform } from './platforms.ts';

const platform = (s: string) => recognisePlatform(s) as PlatformInfo;
const values = (p: string, c: LicensingCondition, o: Parameters<typeof featureLimits>[2]) =>
  Object.fromEntries(featureLimits(platform(p), c, o).features.map((f) => [f.name, f.value]));

describe('recognisePlatform', () => {
  it.each([
    ['ASAv', 'ASAv', 'ASAv', 'smart'],
    ['ASAv5', 'ASAv', 'ASAv5', 'smart'],
    ['ASAv10', 'ASAv', 'ASAv10', 'smart'],
    ['ASAv30', 'ASAv', 'ASAv30', 'smart'],
    ['ASAv50', 'ASAv', 'ASAv50', 'smart'],
    ['ASAv100', 'ASAv', 'ASAv100', 'smart'],
    ['FPR-2130', 'FPR2100', 'FPR-2130', 'smart'],
    ['FPR-1010', 'FPR1000', 'FPR-1010', 'smart'],
    ['FPR-3110', 'FPR3100', 'FPR-3110', 'smart'],
    ['FPR4K-SM-12', 'FPR4100', 'FPR4K-SM-12', 'smart'],
    ['FPR9K-SM-24', 'FPR9300', 'FPR9K-SM-24', 'smart'],
    ['Firepower 2140', 'FPR2100', 'FPR-2140', 'smart'],
    ['ISA-3000-2C2F', 'ISA3000', 'ISA-3000-2C2F', 'pak'],
    ['ASA5555', 'ASA5500X', 'ASA5555', 'pak'],
    ['ASA5516-X', 'ASA5500X', 'ASA5516', 'pak'],
  ])('%s -> %s %s (%s)', (text, family, model, licensing) => {
    expect(recognisePlatform(text)).toMatchObject({ family, model, licensing });
  });

  it.each(['Catalyst 9300', 'PIX-515', '', 'ASAvX'])('%j is not recognised', (text) => {
    expect(recognisePlatform(text)).toBeUndefined();
  });
});

describe('feature limits', () => {
  it('ASAv unlicensed or auth expired: AnyConnect Premium Peers 2, TLS Proxy 2, 100 Kbps (seed)', () => {
    for (const c of ['unlicensed', 'auth-expired', 'eval'] as const) {
      const l = featureLimits(platform('ASAv10'), c, {
        exportControlAllowed: true,
        softwareVersion: '9.22(1.1)',
      });
      const v = Object.fromEntries(l.features.map((f) => [f.name, f.value]));
      expect(v['AnyConnect Premium Peers']).toBe('2');
      expect(v['Total TLS Proxy Sessions']).toBe('2');
      expect(l.throughput?.value).toBe('100 Kbps');
    }
    const ok = featureLimits(platform('ASAv10'), 'authorized', {
      exportControlAllowed: true,
      entitlement: 'ASAv-STD-10G',
    });
    expect(ok.features.find((f) => f.name === 'AnyConnect Premium Peers')?.value).toBe('10000');
    expect(ok.throughput?.value).toBe('10 Gbps');
  });

  it('every value says where it comes from', () => {
    for (const p of ['ASAv10', 'FPR-2130', 'FPR-1010', 'FPR-3110', 'FPR4K-SM-12', 'FPR9K-SM-24']) {
      for (const c of ['authorized', 'eval', 'auth-expired', 'unlicensed'] as const) {
        for (const f of featureLimits(platform(p), c, { exportControlAllowed: c === 'authorized' })
          .features) {
          expect(f.source, `${p} ${c} ${f.name}`).toMatch(
            /^(observed|assumption|unknown)|; (assumption|unknown)/,
          );
        }
      }
    }
  });

  it('Firepower says in the data that the auth-expired effect is unknown', () => {
    const l = featureLimits(platform('FPR-2130'), 'auth-expired', { exportControlAllowed: true });
    expect(l.notes.join(' ')).toMatch(/unknown/);
    expect(l.features.find((f) => f.name === 'AnyConnect Premium Peers')?.source).toMatch(/unknown/);
  });

  it('export control NOT ALLOWED switches strong crypto off (Firepower prints Disabled)', () => {
    const fpr = featureLimits(platform('FPR-2130'), 'eval', { exportControlAllowed: false });
    expect(fpr.strongCrypto).toBe(false);
    expect(fpr.features.find((f) => f.name === 'Encryption-3DES-AES')?.value).toBe('Disabled');
    const asav = featureLimits(platform('ASAv10'), 'eval', { exportControlAllowed: false });
    expect(asav.strongCrypto).toBe(false);
  });

  it('PAK platforms have no smart-licensing limits', () => {
    const l = featureLimits(platform('ASA5555'), 'auth-expired', { exportControlAllowed: true });
    expect(l.features).toEqual([]);
    expect(l.notes[0]).toMatch(/PAK/);
  });

  it('lists what an authorization expiry cuts', () => {
    const o = { exportControlAllowed: true, entitlement: 'ASAv-STD-1G' };
    const d = featureChanges(
      featureLimits(platform('ASAv10'), 'authorized', o),
      featureLimits(platform('ASAv10'), 'auth-expired', o),
    );
    expect(d.changed.map((c) => `${c.name}=${c.to}`)).toEqual([
      'AnyConnect Premium Peers=2',
      'Total TLS Proxy Sessions=2',
    ]);
    expect(d.throughput).toEqual({ from: '1 Gbps', to: '100 Kbps' });
  });
});

describe('feature limits against real outputs', () => {
  /** The observed lines must match; lines we marked as assumptions are allowed to differ. */
  function compare(file: string, p: string, c: LicensingCondition, o: Parameters<typeof featureLimits>[2]) {
    const parsed = parseShowVersion(readCorpus(file)).data.features ?? [];
    const ours = featureLimits(platform(p), c, o).features;
    expect(parsed.length).toBeGreaterThan(10);
    for (const line of parsed) {
      const mine = ours.find((f) => f.name === line.name);
      if (!mine) continue;
      if (/^assumption|^unknown/.test(mine.source)) continue;
      expect(`${line.name}: ${mine.value}`).toBe(`${line.name}: ${line.value}`);
    }
    return { parsed, ours };
  }

  it('ASAv10 9.8(4)10 unlicensed (genieparser 1)', () => {
    const { parsed, ours } = compare('show-version__genieparser-asa__1.txt', 'ASAv10', 'unlicensed', {
      exportControlAllowed: false,
      softwareVersion: '9.8(4)10',
    });
    expect(ours.map((f) => f.name)).toEqual(parsed.map((f) => f.name));
  });

  it('ASAv10 9.12(2) eval with ASAv-STD-1G (hpreston 1)', () => {
    const { parsed, ours } = compare('show-version__hpreston-devasc-inventory__1.txt', 'ASAv10', 'eval', {
      exportControlAllowed: false,
      entitlement: 'ASAv-STD-1G',
      softwareVersion: '9.12(2)',
    });
    expect(ours.map((f) => f.name)).toEqual(parsed.map((f) => f.name));
  });

  it('FPR-2130 authorized (unicon mock)', () => {
    compare('show-version__unicon-plugins-asa-mock__1.txt', 'FPR-2130', 'authorized', {
      exportControlAllowed: true,
    });
  });

  it('FPR9K-SM-24 authorized (genieparser 3)', () => {
    compare('show-version__genieparser-asa__3.txt', 'FPR9K-SM-24', 'authorized', {
      exportControlAllowed: true,
    });
  });

  it('ASAv50 auth expired matches the seed condition 2 block line for line', () => {
    const seed =
      'Maximum VLANs : 1024 Inside Hosts : Unlimited Failover : Active/Active Encryption-DES : Enabled Encryption-3DES-AES : Enabled Security Contexts : 2 Carrier : Disabled AnyConnect Premium Peers : 2 AnyConnect Essentials : Disabled Other VPN Peers : 10000 Total VPN Peers : 10000 AnyConnect for Mobile : Disabled AnyConnect for Cisco VPN Phone : Disabled Advanced Endpoint Assessment : Disabled Shared License : Disabled Total TLS Proxy Sessions : 2 Botnet Traffic Filter : Enabled Cluster : Enabled';
    const ours = values('ASAv50', 'auth-expired', {
      exportControlAllowed: true,
      entitlement: 'ASAv-STD-10G',
      softwareVersion: '9.22(1.1)',
    });
    expect(
      Object.entries(ours)
        .map(([k, v]) => `${k} : ${v}`)
        .join(' '),
    ).toBe(seed);
  });
});

describe('the features-cut sentence', () => {
  it('states the cuts the ASAv tables hold (seed condition 2: peers 2, 100 kbps)', () => {
    expect(featuresCutAtAuthExpiry('ASAv10', '9.22(2)14')).toBe(
      'AnyConnect Premium peers drop to 2, TLS proxy sessions to 2, throughput to 100 kbps',
    );
    const asav = featureLimits(platform('ASAv30'), 'auth-expired', { exportControlAllowed: true });
    const peers = asav.features.find((f) => f.name === 'AnyConnect Premium Peers')?.value;
    expect(featuresCutAtAuthExpiry(platform('ASAv30'), null, 'ASAv-STD-2G')).toContain(
      `peers drop to ${peers}`,
    );
  });

  it('says so where the sources are silent, on PAK platforms, and with no platform known', () => {
    expect(featuresCutAtAuthExpiry('FPR-2130')).toBe(
      'features that need a licence are restricted (exact limits for FPR-2130 are not in our sources)',
    );
    expect(featuresCutAtAuthExpiry('ASA5555')).toBe(
      'ASA5555 uses PAK licensing: Smart Licensing states do not change its features',
    );
    expect(featuresCutAtAuthExpiry(null)).toBe(
      'features that need a licence are restricted (on ASAv: AnyConnect Premium peers drop to 2, TLS proxy sessions to 2, throughput to 100 kbps)',
    );
  });
});
