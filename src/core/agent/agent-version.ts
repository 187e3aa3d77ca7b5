// Which Smart Agent build a release prints under "Agent Version". Observed pairs are few
// (NTC-ALL1…5, docs/ARCHITECTURE.md "Sources"): 1.6.14_rel/129 in 2018 outputs, 4.3.6_rel/38 and
// 4.9.3_rel/34 in 2023 outputs, without the ASA release printed beside them. The release
// boundaries below are [assumed].

import { compareAsaVersions, tryParseAsaVersion } from '../version.ts';

const AGENT_BUILDS: ReadonlyArray<{ since: string; agent: string }> = [
  { since: '9.18(1)', agent: '4.9.3_rel/34' },
  { since: '9.12(1)', agent: '4.3.6_rel/38' },
  { since: '0.0(0)', agent: '1.6.14_rel/129' },
];

/** The agent build string for a software version (newest build when the version is unknown). */
export function agentVersionFor(softwareVersion: string | undefined): string {
  const v = tryParseAsaVersion(softwareVersion);
  if (!v) return AGENT_BUILDS[0]?.agent ?? '4.9.3_rel/34';
  return AGENT_BUILDS.find((b) => compareAsaVersions(v, b.since) >= 0)?.agent ?? '1.6.14_rel/129';
}
