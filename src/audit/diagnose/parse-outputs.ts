// Collected outputs -> one parsed snapshot per device, through the shared ASA text layer
// (src/text), the only place that knows how the ASA prints things. Commands are matched by
// their full name or an unambiguous abbreviation (`sh lic all`), as an operator might save them.

import type { RunningConfigData, ShowVersionData, SmartLicenseData } from '../../core/model.ts';
import { parseRunningConfig, parseShowLicense, parseShowVersion } from '../../text/index.ts';
import type { CollectedOutput } from '../collect/types.ts';
import { type DeviceSnapshot, mergeViews } from './snapshot.ts';

type Kind = 'license' | 'version' | 'config';

interface Parsed<T> {
  data: T;
  warnings: unknown[];
}

/** Parsers per kind of output (the text layer's by default). */
export interface OutputParsers {
  license: (text: string) => Parsed<SmartLicenseData>;
  version?: (text: string) => Parsed<ShowVersionData>;
  config?: (text: string) => Parsed<RunningConfigData>;
}

export const defaultParsers: OutputParsers = {
  license: parseShowLicense,
  version: parseShowVersion,
  config: (text) => parseRunningConfig(text),
};

/** Which kind of output a command produced, or undefined for commands diagnosis does not read. */
export function kindOf(command: string): Kind | undefined {
  const words = command.trim().toLowerCase().split(/\s+/);
  const is = (i: number, full: string, min: number) =>
    words[i] !== undefined && (words[i] as string).length >= min && full.startsWith(words[i] as string);
  if (!is(0, 'show', 2)) return undefined;
  if (is(1, 'license', 3)) {
    if (words.length === 2) return 'license';
    if (is(2, 'features', 1)) return 'version';
    if (is(2, 'all', 1) || is(2, 'status', 2) || is(2, 'summary', 2)) return 'license';
    return undefined;
  }
  if (is(1, 'version', 3)) return 'version';
  if (is(1, 'running-config', 3) || is(1, 'run', 3)) return 'config';
  return undefined;
}

/** Parse every collected output and merge them into one view of the device. */
export function snapshotFromOutputs(
  outputs: CollectedOutput[],
  collectedAt?: string,
  parsers: OutputParsers = defaultParsers,
): DeviceSnapshot {
  const license: SmartLicenseData[] = [];
  const version: ShowVersionData[] = [];
  const config: RunningConfigData[] = [];
  let parseWarnings = 0;
  // `show license all` first: it is the most complete, and the merge keeps the first value.
  const ordered = [...outputs].sort((a, b) => rank(a.command) - rank(b.command));
  for (const out of ordered) {
    const kind = kindOf(out.command);
    if (!kind || out.text.trim() === '') continue;
    if (kind === 'license') {
      const r = parsers.license(out.text);
      license.push(r.data);
      parseWarnings += r.warnings.length;
    } else if (kind === 'version' && parsers.version) {
      const r = parsers.version(out.text);
      version.push(r.data);
      parseWarnings += r.warnings.length;
    } else if (kind === 'config' && parsers.config) {
      const r = parsers.config(out.text);
      config.push(r.data);
      parseWarnings += r.warnings.length;
    }
  }
  return {
    license: mergeViews(license.map(dropUnknown)),
    version: mergeViews(version),
    config: mergeViews(config),
    parseWarnings,
    collectedAt,
  };
}

function rank(command: string): number {
  return /\ball\b/i.test(command) ? 0 : 1;
}

// The parser fills `UNKNOWN`/`unknown` placeholders when a section header appears without a
// status line; a later command may know better, so placeholders must not win the merge.
function dropUnknown(d: SmartLicenseData): SmartLicenseData {
  const out = { ...d };
  if (out.transport?.type === 'unknown' && !out.transport.url && !out.transport.proxy) delete out.transport;
  return out;
}
