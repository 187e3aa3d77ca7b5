// What a platform loses when its authorization expires, in words for the timeline. The seed
// gives the ASAv facts (AnyConnect Premium peers 2, throughput 100 kbps); for other platforms
// the sources do not say, and the sentence says so instead of guessing.

/** One sentence fragment naming the features cut on this platform at authorization expiry. */
export function featureCutsAtAuthExpiry(platform: string | null): string {
  if (platform && /asav/i.test(platform)) {
    return 'AnyConnect Premium peers drop to 2, TLS proxy sessions to 2, throughput to 100 kbps';
  }
  if (!platform) {
    return 'features that need a licence are restricted (on ASAv: AnyConnect Premium peers drop to 2, throughput to 100 kbps)';
  }
  return `features that need a licence are restricted (exact limits for ${platform} are not documented in our sources)`;
}
