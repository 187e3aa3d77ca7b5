// `smartlic probe` as a library: probe URLs and get the documented report.

import { type ProbeOptions, probeUrl } from './run-probe.ts';
import type { ProbeReport } from './types.ts';

export { parseDnsServer } from './name-lookup.ts';
export { renderProbeText } from './render.ts';
export { parseResolveEntry, type ResolveEntry } from './resolve-map.ts';
export type { ProbeOptions } from './run-probe.ts';
export { probeUrl } from './run-probe.ts';
export type * from './types.ts';

/** Probe every URL (one after the other, so timings do not disturb each other). */
export async function runProbe(
  urls: string[],
  opts: ProbeOptions,
  now: Date = new Date(),
): Promise<ProbeReport> {
  const results = [];
  for (const url of urls) results.push(await probeUrl(url, opts));
  return {
    version: 1,
    generatedAt: now.toISOString(),
    ok: results.every((r) => r.ok),
    proxy: opts.proxy ?? null,
    results,
  };
}
