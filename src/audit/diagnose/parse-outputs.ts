// Collected outputs -> one parsed snapshot per device, through the shared ASA text layer
// (src/text), the only place that knows how the ASA prints things: which command a typed name is
// (`sh lic all`), which parser reads it, and the parser itself are the ones `smartlic parse` uses.

import type {
  ParsedCommand,
  RunningConfigData,
  ShowVersionData,
  SmartLicenseData,
} from '../../core/model.ts';
import { commandOfTyped, isLicensingCommand, type OutputReader, parseOutput } from '../../text/index.ts';
import type { CollectedOutput } from '../collect/types.ts';
import { type DeviceSnapshot, mergeViews, type OutputSource } from './snapshot.ts';

/** The full name and reader of a collected output's command (`sh ver` -> show version). */
function commandOf(typed: string): { name: string; reader: OutputReader | undefined } {
  return commandOfTyped(typed) ?? { name: typed, reader: undefined };
}

/** Which part of the snapshot a reader's data goes to. */
type Part = 'license' | 'version' | 'config';
const PART: Partial<Record<OutputReader, Part>> = {
  license: 'license',
  version: 'version',
  features: 'version',
  config: 'config',
};

interface Read<T> {
  data: T;
  source: OutputSource;
}

/** Parse every collected output and merge them into one view of the device. */
export function snapshotFromOutputs(outputs: CollectedOutput[], collectedAt?: string): DeviceSnapshot {
  const parts: {
    license: Read<SmartLicenseData>[];
    version: Read<ShowVersionData>[];
    config: Read<RunningConfigData>[];
  } = { license: [], version: [], config: [] };
  const read: OutputSource[] = [];
  let parseWarnings = 0;
  // `show license all` first: it is the most complete, and the merge keeps the first value; a
  // filtered output last: what it shows is true, but what it lacks is unknown.
  const ordered = outputs
    .map((out, i) => ({ out, i, ...commandOf(out.command) }))
    .sort((a, b) => rank(a) - rank(b) || a.i - b.i);
  for (const { out, name, reader } of ordered) {
    const part = reader === undefined ? undefined : PART[reader];
    if (!part || !isLicensingCommand(name) || out.text.trim() === '') continue;
    const source: OutputSource = {
      command: name,
      ...(out.source ? { file: out.source.file, line: out.source.line } : {}),
      ...(out.filter ? { filter: out.filter } : {}),
    };
    read.push(source);
    const r = parseOutput(name, out.text, out.source?.textLine ?? 1);
    parseWarnings += r.warnings.length;
    const data = r.data as ParsedCommand['data'];
    if (part === 'license') parts.license.push({ data: dropUnknown(data as SmartLicenseData), source });
    else if (part === 'version') parts.version.push({ data: data as ShowVersionData, source });
    else parts.config.push({ data: data as RunningConfigData, source });
  }
  const license = mergeViews(parts.license);
  const version = mergeViews(parts.version);
  const config = mergeViews(parts.config);
  return {
    ...(license ? { license: license.data } : {}),
    ...(version ? { version: version.data } : {}),
    ...(config ? { config: config.data } : {}),
    sources: {
      license: license?.sources ?? {},
      version: version?.sources ?? {},
      config: config?.sources ?? {},
    },
    read,
    parseWarnings,
    collectedAt,
  };
}

function rank(o: { out: CollectedOutput; name: string }): number {
  if (o.out.filter) return 2;
  return o.name === 'show license all' ? 0 : 1;
}

// The parser fills `UNKNOWN`/`unknown` placeholders when a section header appears without a
// status line; a later command may know better, so placeholders must not win the merge.
function dropUnknown(d: SmartLicenseData): SmartLicenseData {
  const out = { ...d };
  if (out.transport?.type === 'unknown' && !out.transport.url && !out.transport.proxy) delete out.transport;
  return out;
}
