// Feature limits per platform family and licensing condition: the lines `show version` prints under
// "Licensed features for this platform:" plus the throughput limit. Split from platforms.ts to keep
// the recognition data and the limit tables each readable.

import { entitlementByTag } from './entitlements.ts';
import type { FeatureLine } from './model.ts';
import { type PlatformInfo, recognisePlatform } from './platforms.ts';
import { versionAtLeast } from './version.ts';

/** The licensing situation that decides the limits. */
export type LicensingCondition =
  | 'authorized'
  | 'out-of-compliance'
  | 'eval'
  | 'eval-expired'
  | 'auth-expired'
  | 'unlicensed';

export interface SourcedFeature extends FeatureLine {
  source: string;
}

export interface FeatureLimits {
  features: SourcedFeature[];
  /** `Firewall throughput limited to …` value, when the platform prints one. */
  throughput?: { value: string; source: string };
  /** Whether strong crypto (3DES/AES) is usable; see STRONG_CRYPTO_EFFECTS when false. */
  strongCrypto: boolean;
  notes: string[];
}

type Row = [name: string, value: string, source: string];

const OBS_ASAV = 'observed: corpus genieparser-asa 1 and hpreston 1 (ASAv10), seed condition 2 (ASAv)';
const ASSUME_DS = 'assumption: Cisco data-sheet value, not in our sources';

/** ASAv per-model numbers: [VLANs, VPN peers, AnyConnect Premium Peers, TLS proxy sessions]. */
const ASAV_MODELS: Record<string, { v: [string, string, string, string]; source: string }> = {
  ASAv5: { v: ['50', '50', '50', '500'], source: ASSUME_DS },
  ASAv10: {
    v: ['50', '250', '250', '500'],
    source: 'observed: corpus ASAv10 (VLANs, VPN peers); PLR notes (250, 500)',
  },
  ASAv30: { v: ['200', '750', '750', '1000'], source: ASSUME_DS },
  ASAv50: {
    v: ['1024', '10000', '10000', '10000'],
    source: 'observed: seed condition 2 (VLANs, VPN peers); others assumption',
  },
  ASAv100: { v: ['1024', '20000', '20000', '10000'], source: ASSUME_DS },
};

function asavLimits(p: PlatformInfo, c: LicensingCondition, o: FeatureOptions): FeatureLimits {
  const ent = o.entitlement ? entitlementByTag(o.entitlement) : undefined;
  // 9.13+: limits follow the entitlement, not the vCPU model (ASAv 9.16 guide; docs/ARCHITECTURE.md,
  // "Sources").
  const modelName = ent?.model ?? (p.model === 'ASAv' ? 'ASAv10' : p.model);
  const model = ASAV_MODELS[modelName] ?? (ASAV_MODELS.ASAv10 as (typeof ASAV_MODELS)[string]);
  const [vlans, vpn, anyconnect, tls] = model.v;
  const licensed = c === 'authorized' || c === 'out-of-compliance';
  const newer = versionAtLeast(o.softwareVersion, '9.12(1)') || o.softwareVersion === undefined;
  const cluster = versionAtLeast(o.softwareVersion, '9.17(1)') || o.softwareVersion === undefined;
  const CUT = 'observed: seed condition 2 and corpus (unlicensed/eval ASAv print 2)';
  const rows: Row[] = [
    ['Maximum VLANs', vlans, model.source],
    ['Inside Hosts', 'Unlimited', OBS_ASAV],
    [
      'Failover',
      newer ? 'Active/Active' : 'Active/Standby',
      'observed: 9.8 prints Active/Standby, 9.12+ Active/Active',
    ],
    ['Encryption-DES', 'Enabled', OBS_ASAV],
    // Unregistered (NOT ALLOWED) ASAv still PRINT Enabled in every sample we have; the effect of
    // losing export control is carried by `strongCrypto` instead.
    [
      'Encryption-3DES-AES',
      'Enabled',
      'observed: printed Enabled even when export control is NOT ALLOWED (corpus)',
    ],
    ['Security Contexts', newer ? '2' : '0', 'observed: 9.8 prints 0, 9.12+ and the seed print 2'],
    ['Carrier', 'Disabled', OBS_ASAV],
    ['AnyConnect Premium Peers', licensed ? anyconnect : '2', licensed ? model.source : CUT],
    ['AnyConnect Essentials', 'Disabled', OBS_ASAV],
    ['Other VPN Peers', vpn, model.source],
    ['Total VPN Peers', vpn, model.source],
    ['AnyConnect for Mobile', 'Disabled', `${OBS_ASAV}; assumption when authorized (Standard tier)`],
    ['AnyConnect for Cisco VPN Phone', 'Disabled', `${OBS_ASAV}; assumption when authorized`],
    ['Advanced Endpoint Assessment', 'Disabled', `${OBS_ASAV}; assumption when authorized`],
    ['Shared License', 'Disabled', OBS_ASAV],
    ['Total TLS Proxy Sessions', licensed ? tls : '2', licensed ? model.source : CUT],
    ['Botnet Traffic Filter', 'Enabled', OBS_ASAV],
    [
      'Cluster',
      cluster ? 'Enabled' : 'Disabled',
      'observed: 9.8/9.12 Disabled, seed (newer) Enabled; 9.17 boundary assumed',
    ],
  ];
  const throughput = licensed
    ? { value: ent?.throughput ?? '1 Gbps', source: ent?.source ?? 'assumption: ASAv10 default' }
    : { value: '100 Kbps', source: 'observed: seed ("throttled to 100 kbps") and ASAv guides (unlicensed)' };
  return {
    features: rows.map(([name, value, source]) => ({ name, value, source })),
    throughput,
    strongCrypto: o.exportControlAllowed,
    notes: [],
  };
}

/** Firepower per-model AnyConnect Premium / VPN peers and TLS sessions. */
const FPR_MODELS: Record<string, [peers: string, tls: string, source: string]> = {
  'FPR-1010': ['75', '150', ASSUME_DS],
  'FPR-1120': ['150', '500', ASSUME_DS],
  'FPR-1140': ['400', '800', ASSUME_DS],
  'FPR-1150': ['800', '1000', ASSUME_DS],
  'FPR-2110': ['1500', '4000', ASSUME_DS],
  'FPR-2120': ['3500', '6000', ASSUME_DS],
  'FPR-2130': ['7500', '8000', 'observed: corpus unicon-plugins FPR-2130'],
  'FPR-2140': ['10000', '10000', ASSUME_DS],
  'FPR-3105': ['3000', '4000', ASSUME_DS],
  'FPR-3110': ['3000', '4000', ASSUME_DS],
  'FPR-3120': ['6000', '8000', ASSUME_DS],
  'FPR-3130': ['15000', '10000', ASSUME_DS],
  'FPR-3140': ['20000', '15000', ASSUME_DS],
};
const FAMILY_DEFAULT: Record<
  string,
  [peers: string, tls: string, contexts: string, cluster: string, source: string]
> = {
  FPR1000: ['150', '500', '2', 'Disabled', ASSUME_DS],
  FPR2100: ['7500', '8000', '2', 'Disabled', 'observed: corpus FPR-2130'],
  FPR3100: ['6000', '8000', '2', 'Enabled', ASSUME_DS],
  FPR4100: ['10000', '15000', '10', 'Enabled', ASSUME_DS],
  FPR9300: [
    '20000',
    '15000',
    '10',
    'Enabled',
    'observed: corpus FPR9K-SM-24 (peers, TLS, cluster); contexts base assumed',
  ],
};

const UNKNOWN_FPR_CUT =
  'unknown: no source says which Firepower limits change in this state; platform limits kept (assumption)';

function firepowerLimits(p: PlatformInfo, c: LicensingCondition, o: FeatureOptions): FeatureLimits {
  const fam = FAMILY_DEFAULT[p.family] ?? (FAMILY_DEFAULT.FPR2100 as (typeof FAMILY_DEFAULT)[string]);
  const [peers, tls, source] = FPR_MODELS[p.model] ?? [fam[0], fam[1], fam[4]];
  const [, , contexts, cluster] = fam;
  const licensed = c === 'authorized' || c === 'out-of-compliance';
  const src = (s: string) => (licensed ? s : `${s}; ${UNKNOWN_FPR_CUT}`);
  const OBS = src('observed: corpus FPR-2130 and FPR9K-SM-24');
  const rows: Row[] = [
    ['Maximum Physical Interfaces', 'Unlimited', OBS],
    ['Maximum VLANs', p.family === 'FPR1000' && p.model === 'FPR-1010' ? '60' : '1024', OBS],
    ['Inside Hosts', 'Unlimited', OBS],
    ['Failover', 'Active/Active', OBS],
    ['Encryption-DES', 'Enabled', OBS],
    [
      'Encryption-3DES-AES',
      o.exportControlAllowed ? 'Enabled' : 'Disabled',
      o.exportControlAllowed
        ? OBS
        : 'assumption: ASA on Firepower needs export-controlled functionality for strong crypto',
    ],
    [
      'Security Contexts',
      p.model === 'FPR-1010' ? '0' : contexts,
      src('assumption: base contexts without an add-on licence (corpus FPR9K-SM-24 shows 40 with one)'),
    ],
    ['Carrier', 'Disabled', OBS],
    ['AnyConnect Premium Peers', peers, src(source)],
    ['AnyConnect Essentials', 'Disabled', OBS],
    ['Other VPN Peers', peers, src(source)],
    ['Total VPN Peers', peers, src(source)],
    ['AnyConnect for Mobile', 'Enabled', OBS],
    ['AnyConnect for Cisco VPN Phone', 'Enabled', OBS],
    ['Advanced Endpoint Assessment', 'Enabled', OBS],
    ['Shared License', 'Disabled', OBS],
    ['Total TLS Proxy Sessions', tls, src(source)],
    ['Cluster', cluster, src(fam[4])],
  ];
  return {
    features: rows.map(([name, value, s]) => ({ name, value, source: s })),
    strongCrypto: o.exportControlAllowed,
    notes: licensed ? [] : [UNKNOWN_FPR_CUT],
  };
}

export interface FeatureOptions {
  exportControlAllowed: boolean;
  /** Configured entitlement tag (ASAv: decides the model limits since 9.13). */
  entitlement?: string;
  softwareVersion?: string;
}

/** The feature lines and throughput limit for a platform in a licensing condition. */
export function featureLimits(
  p: PlatformInfo,
  condition: LicensingCondition,
  opts: FeatureOptions,
): FeatureLimits {
  if (p.licensing === 'pak') {
    return {
      features: [],
      strongCrypto: true,
      notes: [`${p.model} uses PAK licensing: Smart Licensing states do not change its features`],
    };
  }
  return p.family === 'ASAv' ? asavLimits(p, condition, opts) : firepowerLimits(p, condition, opts);
}

/** What changes between two conditions: the lines whose value differs, and the throughput. */
export function featureChanges(before: FeatureLimits, after: FeatureLimits) {
  const changed = after.features
    .map((f) => ({ name: f.name, from: before.features.find((b) => b.name === f.name)?.value, to: f.value }))
    .filter((d) => d.from !== undefined && d.from !== d.to);
  const throughput =
    before.throughput?.value !== after.throughput?.value && after.throughput
      ? { from: before.throughput?.value, to: after.throughput.value }
      : undefined;
  return { changed, throughput, strongCryptoLost: before.strongCrypto && !after.strongCrypto };
}

/** `Total TLS Proxy Sessions` → `TLS proxy sessions`, `100 Kbps` → `100 kbps`: words for a sentence. */
const spoken = (feature: string) =>
  feature
    .replace(/^Total /, '')
    .replace(/ Proxy /, ' proxy ')
    .replace(/Peers$/, 'peers')
    .replace(/Sessions$/, 'sessions');

/** What a licensed platform's limits become at authorization expiry, or undefined if none change. */
function cutWords(p: PlatformInfo, softwareVersion?: string, entitlement?: string): string | undefined {
  const opts = {
    exportControlAllowed: true,
    ...(softwareVersion ? { softwareVersion } : {}),
    ...(entitlement ? { entitlement } : {}),
  };
  const d = featureChanges(featureLimits(p, 'authorized', opts), featureLimits(p, 'auth-expired', opts));
  const words = d.changed.map((c, i) => `${spoken(c.name)} ${i === 0 ? 'drop ' : ''}to ${c.to}`);
  if (d.throughput)
    words.push(
      `${words.length === 0 ? 'throughput drops' : 'throughput'} to ${d.throughput.to.replace(/Kbps/i, 'kbps')}`,
    );
  return words.length > 0 ? words.join(', ') : undefined;
}

const ASAV_EXAMPLE: PlatformInfo = { family: 'ASAv', model: 'ASAv10', hardware: 'ASAv', licensing: 'smart' };

/**
 * THE sentence for what authorization expiry cuts on a platform, from the feature tables (the
 * timeline, the audit's findings and its timeline all say it with this): e.g. `AnyConnect Premium
 * peers drop to 2, TLS proxy sessions to 2, throughput to 100 kbps`. Where the tables hold no
 * change (Firepower: no source says), the sentence says the limits are not in our sources; for a
 * PAK platform, that its features do not depend on Smart Licensing; with no platform known, it
 * gives the ASAv's cuts as an example rather than guessing.
 */
export function featuresCutAtAuthExpiry(
  platform: string | PlatformInfo | null | undefined,
  softwareVersion?: string | null,
  entitlement?: string,
): string {
  const p = typeof platform === 'string' ? recognisePlatform(platform) : (platform ?? undefined);
  const version = softwareVersion ?? undefined;
  if (!p) return `features that need a licence are restricted (on ASAv: ${cutWords(ASAV_EXAMPLE)})`;
  if (p.licensing === 'pak')
    return `${p.model} uses PAK licensing: Smart Licensing states do not change its features`;
  return (
    cutWords(p, version, entitlement) ??
    `features that need a licence are restricted (exact limits for ${p.model} are not in our sources)`
  );
}

/**
 * The feature block of a PAK platform with its Base licence: [observed] corpus ntc-templates 4
 * (ISA-3000-2C2F, `This platform has a Base license.`). A 5500-X's Base values are not in our
 * sources: [assumed] the same block.
 */
export const PAK_BASE_FEATURES: readonly FeatureLine[] = (
  [
    ['Maximum Physical Interfaces', 'Unlimited'],
    ['Maximum VLANs', '5'],
    ['Inside Hosts', 'Unlimited'],
    ['Failover', 'Disabled'],
    ['Encryption-DES', 'Enabled'],
    ['Encryption-3DES-AES', 'Enabled'],
    ['Carrier', 'Disabled'],
    ['AnyConnect Premium Peers', '2'],
    ['AnyConnect Essentials', 'Disabled'],
    ['Other VPN Peers', '5'],
    ['Total VPN Peers', '7'],
    ['AnyConnect for Mobile', 'Disabled'],
    ['AnyConnect for Cisco VPN Phone', 'Disabled'],
    ['Advanced Endpoint Assessment', 'Disabled'],
    ['Shared License', 'Disabled'],
    ['Total TLS Proxy Sessions', '2'],
    ['Botnet Traffic Filter', 'Disabled'],
    ['Cluster', 'Disabled'],
  ] as const
).map(([name, value]) => ({ name, value, term: 'perpetual' }));
export const PAK_BASE_SUMMARY = 'This platform has a Base license.';
