// The entitlements the lab's authority knows by default: the ASAv tiers the emulated ASAv asks for
// (`feature tier standard` + `throughput level X` → ASAv-STD-X, names as `show license all`
// prints them in the corpus) and the Firepower request the emulator derives from the tier.

/** One entitlement pool: tag, the name devices print, and how many the virtual account owns. */
export interface PoolSpec {
  tag: string;
  name: string;
  count: number;
  exportRestricted?: boolean;
}

/** Generous default pools: the lab is about connectivity and time, not about running out. */
export const DEFAULT_POOLS: readonly PoolSpec[] = [
  { tag: 'ASAv-STD-100M', name: 'ASAv5 Standard - 100M', count: 1000 },
  { tag: 'ASAv-STD-1G', name: 'ASAv10 Standard - 1G', count: 1000 },
  { tag: 'ASAv-STD-2G', name: 'ASAv30 Standard - 2G', count: 1000 },
  { tag: 'ASAv-STD-10G', name: 'ASAv50 Standard - 10G', count: 1000 },
  { tag: 'ASAv-STD-20G', name: 'ASAv100 Standard - 20G', count: 1000 },
  // Assumption (no public sample of Firepower ASA usage lines): named after the emulator's request.
  { tag: 'FPR-ASA-STANDARD', name: 'Firepower ASA Standard', count: 1000 },
];
