import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
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
