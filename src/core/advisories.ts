// The Cisco bugs the seed names, as data. Their public titles and symptoms are not in any of our
// sources (docs/ARCHITECTURE.md, "Advisories"), so each summary says only what the seed says.

import type { PlatformInfo } from './platforms.ts';
import { lastTrainOf, recognisePlatform } from './platforms.ts';
import { type AsaVersion, checkFixedIn, type FixVerdict, parseAsaVersion, trainOf } from './version.ts';

export interface Advisory {
  id: string;
  summary: string;
  /** Fixed releases per train as Cisco lists them; empty when unknown. */
  fixedIn: string[];
  /** Only on these platform families (undefined = every platform). */
  families?: PlatformInfo['family'][];
  /** Only relevant when a licensing proxy is configured. */
  requiresProxy?: boolean;
  /** A Smart Licensing bug: it does not apply where Smart Licensing is not in use (PAK). */
  smartLicensing: boolean;
  source: string;
}

export const ADVISORIES: readonly Advisory[] = [
  {
    id: 'CSCwp10957',
    summary:
      'Named by Cisco tech note 225967: susceptibility exists if the ASA software version is lower than 9.20(4)14, 9.22(2)14 or 9.23(1)22.',
    fixedIn: ['9.20(4)14', '9.22(2)14', '9.23(1)22'],
    smartLicensing: true,
    source: 'seed (Cisco tech note 225967); public title unknown',
  },
  {
    id: 'CSCws62173',
    summary:
      'Named by Cisco tech note 225967: susceptibility exists on Secure Firewall 2100 (FP2100) with a software version lower than 9.20(4)22, 9.22.3 or 9.24(1)9.',
    fixedIn: ['9.20(4)22', '9.22.3', '9.24(1)9'],
    families: ['FPR2100'],
    smartLicensing: true,
    source: 'seed (Cisco tech note 225967); public title unknown',
  },
  {
    id: 'CSCwr56980',
    summary:
      'Cisco tech note 225967 asks to be aware of this bug while checking the licensing proxy settings (transport proxy).',
    fixedIn: [],
    requiresProxy: true,
    smartLicensing: true,
    source: 'seed (Cisco tech note 225967); public title and fixed releases unknown',
  },
];

export interface AdvisoryQuery {
  /** Software version (any form version.ts parses); undefined when unknown. */
  version?: string | AsaVersion;
  /** Platform string or recognised platform; undefined when unknown. */
  platform?: string | PlatformInfo;
  proxyConfigured?: boolean;
  /** False when the device does not use Smart Licensing (PAK); undefined when unknown. */
  smartLicensing?: boolean;
}

export interface AdvisoryMatch {
  id: string;
  summary: string;
  fixedIn: string[];
  /** `true` affected, `false` not, `'unknown'` when the version or platform is not known. */
  affected: boolean | 'unknown';
  reason: string;
  verdict?: FixVerdict;
  upgradeTo?: string;
}

/**
 * The advisories that apply to a device: those whose platform and proxy conditions hold (or cannot
 * be ruled out), with a per-train fixed-in verdict. Not-applicable advisories are left out.
 * @throws VersionFormatError for an unparseable version string.
 */
export function advisoriesFor(q: AdvisoryQuery): AdvisoryMatch[] {
  const version = typeof q.version === 'string' ? parseAsaVersion(q.version) : q.version;
  const platform = typeof q.platform === 'string' ? recognisePlatform(q.platform) : q.platform;
  const out: AdvisoryMatch[] = [];
  for (const a of ADVISORIES) {
    const base = { id: a.id, summary: a.summary, fixedIn: [...a.fixedIn] };
    if (a.families && platform && !a.families.includes(platform.family)) continue;
    if (a.smartLicensing && q.smartLicensing === false) continue;
    if (a.requiresProxy && q.proxyConfigured === false) continue;
    if (a.requiresProxy) {
      const known = q.proxyConfigured === true;
      out.push({
        ...base,
        affected: known ? true : 'unknown',
        reason: known ? 'a licensing proxy is configured: check its settings' : 'proxy configuration unknown',
      });
      continue;
    }
    if (a.families && !platform) {
      out.push({
        ...base,
        affected: 'unknown',
        reason: `applies only to ${a.families.join(', ')}; platform unknown`,
      });
      continue;
    }
    if (!version) {
      out.push({ ...base, affected: 'unknown', reason: 'software version unknown' });
      continue;
    }
    const verdict = checkFixedIn(version, a.fixedIn);
    if (!verdict.affected) continue;
    // An upgrade target the box cannot run is no advice: say that no fixed release runs on it.
    const last = platform ? lastTrainOf(platform) : undefined;
    const beyond =
      last !== undefined && verdict.upgradeTo !== undefined && newerTrain(verdict.upgradeTo, last);
    out.push({
      ...base,
      affected: true,
      reason: beyond
        ? `${version.raw} is below every fixed release, and none runs on the ${platform?.model} (its last release train is ${last})`
        : verdict.reason,
      verdict,
      ...(verdict.upgradeTo && !beyond ? { upgradeTo: verdict.upgradeTo } : {}),
    });
  }
  return out;
}

/** True when `version`'s train is newer than `train` (`9.20(4)14` vs `9.12`). */
function newerTrain(version: string, train: string): boolean {
  const [a = 0, b = 0] = trainOf(version).split('.').map(Number);
  const [c = 0, d = 0] = train.split('.').map(Number);
  return a !== c ? a > c : b > d;
}
