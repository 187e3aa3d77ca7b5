import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  configChildRank,
  parseRunningConfig,
  parseShowLicense,
  parseShowVersion,
  renderRunningConfig,
  renderRunningConfigCallHome,
  renderRunningConfigLicense,
  renderShowLicenseAll,
  renderShowLicenseFeatures,
  renderShowLicenseStatus,
  renderShowVersion,
} from '../../src/text/index.ts';
import { runningConfigData, showVersionData, smartLicenseData } from './arbitraries.ts';

describe('render -> parse round trip over generated states', () => {
  it('show license all, 4.x and 1.x layouts', () => {
    fc.assert(
      fc.property(smartLicenseData, fc.constantFrom('4x' as const, '1x' as const), (data, layout) => {
        const text = renderShowLicenseAll(data, { layout });
        expect(parseShowLicense(text)).toEqual({ data, warnings: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('show license status (everything but usage, product, agent and reservation)', () => {
    fc.assert(
      fc.property(smartLicenseData, (full) => {
        const { usage, udi, agentVersion, reservation, ...data } = full;
        expect(parseShowLicense(renderShowLicenseStatus(data))).toEqual({ data, warnings: [] });
      }),
      { numRuns: 200 },
    );
  });

  it('show version (smart and PAK feature blocks)', () => {
    fc.assert(
      fc.property(showVersionData, (data) => {
        expect(parseShowVersion(renderShowVersion(data))).toEqual({ data, warnings: [] });
      }),
      { numRuns: 300 },
    );
  });

  it('show license features keeps the licence header and feature blocks', () => {
    fc.assert(
      fc.property(showVersionData, (data) => {
        const back = parseShowVersion(renderShowLicenseFeatures(data));
        expect(back.warnings).toEqual([]);
        expect(back.data.features).toEqual(data.features);
        expect(back.data.failoverClusterFeatures).toEqual(data.failoverClusterFeatures);
        expect(back.data.platformLicenseState).toEqual(data.platformLicenseState);
        expect(back.data.activeEntitlement).toEqual(data.activeEntitlement);
      }),
      { numRuns: 200 },
    );
  });

  it('show running-config license / call-home, and the full config', () => {
    fc.assert(
      fc.property(runningConfigData, (data) => {
        const { hostname, ...parts } = data;
        const split = renderRunningConfigCallHome(data) + renderRunningConfigLicense(data);
        expect(parseRunningConfig(split)).toEqual({ data: parts, warnings: [] });
        expect(parseRunningConfig(renderRunningConfig(data), { full: true })).toEqual({ data, warnings: [] });
      }),
      { numRuns: 300 },
    );
  });
});

describe('running-config order', () => {
  it('the renderers print each block in the order the emulator keeps it (configChildRank)', () => {
    const text = renderRunningConfig({
      hostname: 'fw1',
      license: {
        smart: true,
        featureTier: 'standard',
        throughputLevel: '1G',
        transport: { type: 'smart', url: 'https://x.example/l', proxy: { host: 'p', port: 8080 } },
      },
      callHome: {
        httpProxy: { host: 'p', port: 8080 },
        profiles: [
          {
            name: 'License',
            active: false,
            destinations: { addressHttp: ['https://h'], addressEmail: ['e@x'], transportMethod: 'http' },
          },
        ],
      },
    });
    // Within each block (same indentation under the same parent), ranks never go down.
    const lines = text.trimEnd().split('\n');
    for (let i = 1; i < lines.length; i++) {
      const [a = '', b = ''] = [lines[i - 1], lines[i]];
      const depth = (l: string) => l.length - l.trimStart().length;
      if (depth(a) === depth(b) && depth(b) > 0)
        expect([a, b, configChildRank(a.trim()) <= configChildRank(b.trim())]).toEqual([a, b, true]);
    }
  });
});
