// The one place diagnosis asks the licensing core (src/core) about advisories, and turns its
// answers into the audit contract's words. What authorization expiry cuts is the core's one
// sentence (featuresCutAtAuthExpiry), called as it is.

import { advisoriesFor, recognisePlatform, tryParseAsaVersion } from '../../core/index.ts';
import type { Advisory } from '../report/contract.ts';

export interface AdvisoryQuery {
  version: string | null;
  platform: string | null;
  proxyConfigured: boolean;
  /** False where Smart Licensing is not in use (PAK): its advisories do not apply. */
  smartLicensing?: boolean;
}

/**
 * Advisories that affect the device. One that only *may* apply (version or platform unknown) is
 * left out: the audit claims what it can show, and the missing fact is visible in the facts row.
 */
export function applicableAdvisories(q: AdvisoryQuery): Advisory[] {
  const version = tryParseAsaVersion(q.version ?? undefined);
  const platform = q.platform ? recognisePlatform(q.platform) : undefined;
  return advisoriesFor({
    version,
    platform,
    proxyConfigured: q.proxyConfigured,
    ...(q.smartLicensing !== undefined ? { smartLicensing: q.smartLicensing } : {}),
  })
    .filter((m) => m.affected === true)
    .map((m) => ({
      id: m.id,
      summary: m.summary,
      fixedIn: m.fixedIn,
      reason: m.upgradeTo ? `${m.reason}; upgrade to ${m.upgradeTo} or later` : m.reason,
    }));
}
