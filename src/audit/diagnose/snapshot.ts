// What diagnosis reads about one device: the parsed outputs merged into one view. Several
// commands print overlapping parts (`show license all` and `show license status` both print the
// transport), so the merge keeps the first command's value and fills gaps from the others.

import type { RunningConfigData, ShowVersionData, SmartLicenseData } from '../../core/model.ts';

/** The parsed state of one device at collection time. */
export interface DeviceSnapshot {
  /** Merged `show license all|status|summary`; undefined when none of them was collected. */
  license?: SmartLicenseData;
  /** `show version` (or `show license features`). */
  version?: ShowVersionData;
  /** `show running-config [license|call-home]`. */
  config?: RunningConfigData;
  /** How many lines the parsers did not understand. */
  parseWarnings: number;
  /** When the outputs were printed; evaluation-period counters are relative to this. */
  collectedAt?: string;
}

/** Merge objects shallowly per top-level key, the earlier value winning; nested objects merged one level. */
export function mergeViews<T extends object>(views: T[]): T | undefined {
  if (views.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const view of views) {
    for (const [key, value] of Object.entries(view)) {
      if (value === undefined) continue;
      const have = out[key];
      if (have === undefined) out[key] = value;
      else if (isPlainObject(have) && isPlainObject(value)) out[key] = { ...value, ...have };
    }
  }
  return out as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
