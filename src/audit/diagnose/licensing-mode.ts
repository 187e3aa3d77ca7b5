// Is Smart Licensing in use on this device? An advisory about Smart Licensing, a "not collected"
// note and the licence-mode fact depend on it. Evidence, strongest first: the licensing outputs
// themselves (registration, authorization, `Smart Licensing is ENABLED|DISABLED`), `show version`'s
// `License mode:` line, PAK terms in `show version` (a term column, `This platform has a … license`),
// a full running-config without `license smart`, and last the core's licensing model per platform.

import { recognisePlatform } from '../../core/index.ts';
import type { DeviceSnapshot } from './snapshot.ts';

/** `smart`, `pak`, or undefined when the outputs do not tell. */
export function licenseModeOf(snapshot: DeviceSnapshot): 'smart' | 'pak' | undefined {
  const lic = snapshot.license;
  const ver = snapshot.version;
  if (lic?.registration || lic?.authorization || lic?.smartLicensing === 'ENABLED') return 'smart';
  if (ver?.licenseMode) return /smart/i.test(ver.licenseMode) ? 'smart' : 'pak';
  if (lic?.smartLicensing === 'DISABLED') return 'pak';
  if (ver?.platformLicenseSummary || ver?.features?.some((f) => f.term)) return 'pak';
  if (snapshot.config?.license?.smart) return 'smart';
  const fullConfig = snapshot.read?.some((r) => r.command === 'show running-config' && !r.filter);
  if (fullConfig) return 'pak';
  const platform = ver?.hardware?.model ?? lic?.udi?.pid;
  return platform ? recognisePlatform(platform)?.licensing : undefined;
}
