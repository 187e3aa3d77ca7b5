// What diagnosis reads about one device: the parsed outputs merged into one view. Several
// commands print overlapping parts (`show license all` and `show license status` both print the
// transport), so the merge keeps the first command's value and fills gaps from the others, and
// remembers which output each part came from.

import type { RunningConfigData, ShowVersionData, SmartLicenseData } from '../../core/model.ts';
import type { OutputFilter } from '../../text/index.ts';

/** One output diagnosis read: its command, where it was read, and its filter if it had one. */
export interface OutputSource {
  command: string;
  file?: string;
  line?: number;
  filter?: OutputFilter;
}

/** The parsed state of one device at collection time. */
export interface DeviceSnapshot {
  /** Merged `show license all|status|summary`; undefined when none of them was collected. */
  license?: SmartLicenseData;
  /** `show version` (or `show license features`). */
  version?: ShowVersionData;
  /** `show running-config [license|call-home]`. */
  config?: RunningConfigData;
  /** Which output each top-level field of each part came from. */
  sources?: {
    license: Record<string, OutputSource>;
    version: Record<string, OutputSource>;
    config: Record<string, OutputSource>;
  };
  /** The licensing outputs read, in the order they were merged. */
  read?: OutputSource[];
  /** How many lines the parsers did not understand. */
  parseWarnings: number;
  /** When the outputs were printed; evaluation-period counters are relative to this. */
  collectedAt?: string;
}

/**
 * Merge views shallowly per top-level key, the earlier value winning; nested objects merged one
 * level. Each key remembers the source of the view that gave it first.
 */
export function mergeViews<T extends object, S>(
  views: { data: T; source: S }[],
): { data: T; sources: Record<string, S> } | undefined {
  if (views.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  const sources: Record<string, S> = {};
  for (const { data, source } of views) {
    for (const [key, value] of Object.entries(data)) {
      if (value === undefined) continue;
      const have = out[key];
      if (have === undefined) {
        out[key] = value;
        sources[key] = source;
      } else if (isPlainObject(have) && isPlainObject(value)) out[key] = { ...value, ...have };
    }
  }
  return { data: out as T, sources };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * True when every show license output read was filtered (`| include …`): the dates and states a
 * filter removed are unknown, so nothing may be predicted or concluded from their absence.
 */
export function licenseOnlyFiltered(snapshot: DeviceSnapshot): boolean {
  const license = (snapshot.read ?? []).filter((r) => r.command.startsWith('show license'));
  return license.length > 0 && license.every((r) => r.filter !== undefined);
}
