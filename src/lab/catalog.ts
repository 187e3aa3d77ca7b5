// The entitlements the lab's authority knows by default: one generous pool for every entitlement
// of the core's catalogue (src/core/entitlements.ts), which is exactly the set of tags an emulated
// device can request. A pool the devices ask for that is missing would turn a healthy device OUT OF
// COMPLIANCE at its first authorization renewal.

import { ENTITLEMENTS } from '../core/entitlements.ts';

/** One entitlement pool: tag, the name devices print, and how many the virtual account owns. */
export interface PoolSpec {
  tag: string;
  name: string;
  count: number;
  exportRestricted?: boolean;
}

/** Generous default pools: the lab is about connectivity and time, not about running out. */
export const DEFAULT_POOLS: readonly PoolSpec[] = ENTITLEMENTS.map(({ tag, name }) => ({
  tag,
  name,
  count: 1000,
}));
