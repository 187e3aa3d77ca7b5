// The entitlement catalogue: which entitlement each platform asks the License Authority for, given
// its `license smart` configuration (`feature tier …`, `throughput level …`), and the name the
// device prints for it. The emulator's requests, the lab authority's default pools, the simulated
// authority's grants and the ASAv feature limits all read this one table.
//
// Sources (docs/ARCHITECTURE.md, "Sources"): ASAv tags and names are observed in real `show license all`
// and `show version` outputs where the `source` says so, the rest follow the same pattern. No
// public output shows the usage line of an ASA on Firepower, so the Firepower tags and names are
// ASSUMPTIONS (one per family, named after the family); the audit reads whatever a real device
// prints, so only the emulator and the lab depend on them.

import type { EntitlementRequest } from './agent/protocol.ts';
import { type PlatformFamily, type PlatformInfo, recognisePlatform } from './platforms.ts';

/** `feature tier` values the catalogue knows (`feature tier standard`: ASA 9.8+ guides). */
export const FEATURE_TIERS = ['standard'] as const;
export type FeatureTier = (typeof FEATURE_TIERS)[number];

/**
 * ASAv `throughput level` values. The ASA REST model checks 100M/1G/2G, its docs list all five
 * (TF-ASA: the two disagree); ASAv-STD-10G is observed in output (NTC-ALL5).
 */
export const ASAV_THROUGHPUT_LEVELS = ['100M', '1G', '2G', '10G', '20G'] as const;
export type AsavThroughputLevel = (typeof ASAV_THROUGHPUT_LEVELS)[number];

export interface Entitlement {
  tag: string;
  /** The name `show license all` prints before the tag: `ASAv10 Standard - 1G (ASAv-STD-1G)`. */
  name: string;
  /** The platform family that requests it. */
  family: PlatformFamily;
  featureTier: FeatureTier;
  /** ASAv: the `throughput level` that selects it. */
  throughputLevel?: AsavThroughputLevel;
  /** ASAv 9.13+: the model whose limits apply (ASAv 9.16 guide; docs/ARCHITECTURE.md "Sources"). */
  model?: string;
  /** ASAv: `Firewall throughput limited to …` while licensed. */
  throughput?: string;
  source: string;
}

const asav = (
  throughputLevel: AsavThroughputLevel,
  model: string,
  throughput: string,
  source: string,
): Entitlement => ({
  tag: `ASAv-STD-${throughputLevel}`,
  name: `${model} Standard - ${throughputLevel}`,
  family: 'ASAv',
  featureTier: 'standard',
  throughputLevel,
  model,
  throughput,
  source,
});

const FIREPOWER_ASSUMPTION =
  'assumption: no public output shows an ASA-on-Firepower usage line; tag and name follow the family';

const firepower = (family: PlatformFamily, label: string): Entitlement => ({
  tag: `${family}-ASA-STANDARD`,
  name: `Firepower ${label} ASA Standard`,
  family,
  featureTier: 'standard',
  source: FIREPOWER_ASSUMPTION,
});

/** Every entitlement an emulated device can request; the lab's default pools are these. */
export const ENTITLEMENTS: readonly Entitlement[] = [
  asav('100M', 'ASAv5', '100 Mbps', 'observed: corpus ntc-templates 1 (tag and name); throughput assumption'),
  asav(
    '1G',
    'ASAv10',
    '1 Gbps',
    'observed: tag in show version 9.12 (corpus hpreston); name assumed by pattern; "1 Gbps" observed on PLR',
  ),
  asav('2G', 'ASAv30', '2 Gbps', 'assumption: by pattern; `throughput level 2G` seen in Cisco templates'),
  asav('10G', 'ASAv50', '10 Gbps', 'observed: NTC-ALL5 (tag and name); throughput assumption'),
  asav('20G', 'ASAv100', '20 Gbps', 'assumption: by pattern'),
  firepower('FPR1000', '1000'),
  firepower('FPR2100', '2100'),
  firepower('FPR3100', '3100'),
  firepower('FPR4100', '4100'),
  firepower('FPR9300', '9300'),
];

const BY_TAG = new Map(ENTITLEMENTS.map((e) => [e.tag, e]));

/** The catalogue entry of a tag, when it is one of ours. */
export function entitlementByTag(tag: string): Entitlement | undefined {
  return BY_TAG.get(tag);
}

/** The printed name of an entitlement tag, when known. */
export function entitlementName(tag: string): string | undefined {
  return BY_TAG.get(tag)?.name;
}

/** The `license smart` settings that decide the request (a parsed running-config's `license`). */
export interface EntitlementConfig {
  /** `license smart` present. */
  smart: boolean;
  featureTier?: string;
  throughputLevel?: string;
}

/**
 * What a platform asks the authority for under `config`: the catalogue entry for its family, tier
 * and (ASAv) throughput level, count 1. Nothing when Smart Licensing is off, the platform is
 * PAK-licensed or unrecognised, the ASAv lacks a tier or a throughput level (it prints "No active
 * entitlement: no feature tier and no throughput level configured"), or the setting is not in the
 * catalogue: a request is always a tag the catalogue (and so the lab's pools) knows.
 */
export function requestedEntitlements(
  platform: string | PlatformInfo,
  config: EntitlementConfig,
): EntitlementRequest[] {
  const p = typeof platform === 'string' ? recognisePlatform(platform) : platform;
  if (!config.smart || !p || p.licensing !== 'smart' || !config.featureTier) return [];
  const tier = config.featureTier.toLowerCase();
  const level = config.throughputLevel?.toUpperCase();
  if (p.family === 'ASAv' && level === undefined) return [];
  // Firepower has no throughput levels: its request is the tier alone.
  const match = ENTITLEMENTS.find(
    (e) =>
      e.family === p.family && e.featureTier === tier && (p.family !== 'ASAv' || e.throughputLevel === level),
  );
  return match ? [{ tag: match.tag, count: 1 }] : [];
}
