// Which of the seed's advisories apply to a device, by version and platform. The advisory data
// and the version order belong to the core (src/core/advisories.ts, src/core/versions.ts); this
// module only adapts their answer to the audit contract.

import type { Advisory, Facts } from '../report/contract.ts';
import { applicableAdvisories } from './core-seam.ts';

/** Advisories that apply to this device (unknown version: none are claimed). */
export function advisoriesFor(facts: Facts): Advisory[] {
  return applicableAdvisories({
    version: facts.version,
    platform: facts.platform,
    proxyConfigured: Boolean(facts.transport?.proxy),
    ...(facts.licenseMode ? { smartLicensing: facts.licenseMode === 'smart' } : {}),
  });
}
