// The one place diagnosis asks the licensing core (src/core) about advisories and platform
// limits, and turns its answers into the audit contract's words.

import {
  advisoriesFor,
  featureChanges,
  featureLimits,
  type PlatformInfo,
  recognisePlatform,
  tryParseAsaVersion,
} from '../../core/index.ts';
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

/** The platform as the core knows it, or undefined. */
export function platformOf(text: string | null): PlatformInfo | undefined {
  return text ? recognisePlatform(text) : undefined;
}

/**
 * What authorization expiry cuts on this platform, from the core's feature tables: e.g.
 * `AnyConnect Premium peers drop to 2, TLS proxy sessions to 2, throughput to 100 kbps`.
 */
export function authExpiryCuts(platform: PlatformInfo, softwareVersion: string | null): string | undefined {
  const opts = { exportControlAllowed: true, softwareVersion: softwareVersion ?? undefined };
  const before = featureLimits(platform, 'authorized', opts);
  const after = featureLimits(platform, 'auth-expired', opts);
  const diff = featureChanges(before, after);
  const words = diff.changed.map((c) => `${shortName(c.name)} to ${c.to}`);
  if (diff.throughput) words.push(`throughput to ${diff.throughput.to.replace(/Kbps/i, 'kbps')}`);
  if (words.length === 0) return after.notes[0];
  // "AnyConnect Premium peers drop to 2, TLS proxy sessions to 2, throughput to 100 kbps"
  return words.join(', ').replace(' to ', ' drop to ');
}

function shortName(feature: string): string {
  return feature
    .replace(/^Total /, '')
    .replace(/Peers$/, 'peers')
    .replace(/Sessions$/, 'sessions');
}
