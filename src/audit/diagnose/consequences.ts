// What a platform loses when its authorization expires, in words for the timeline, from the
// core's feature tables. Where the sources do not say (Firepower), the sentence says so; with no
// platform known, it cites the seed's ASAv facts as an example rather than guessing.

import { authExpiryCuts, platformOf } from './core-seam.ts';

/** One sentence fragment naming the features cut on this platform at authorization expiry. */
export function featureCutsAtAuthExpiry(platform: string | null, version: string | null = null): string {
  const info = platformOf(platform);
  if (!info) {
    return 'features that need a licence are restricted (on ASAv: AnyConnect Premium peers drop to 2, throughput to 100 kbps)';
  }
  const cuts = authExpiryCuts(info, version);
  if (info.licensing === 'pak') return cuts ?? `${info.model} uses PAK licensing`;
  return (
    cuts ??
    `features that need a licence are restricted (exact limits for ${info.model} are not in our sources)`
  );
}
