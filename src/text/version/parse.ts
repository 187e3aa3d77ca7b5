// Parser for `show version` and `show license features`: the software/hardware header, the
// licence header lines (mode, reservation, platform state, entitlement, throughput limit, AWS
// licensing) and the "Licensed features for this platform / user context" blocks (smart and PAK,
// failover cluster). Lines that are part of `show version` but say nothing about licensing
// (interfaces, flash, compile date) are skipped quietly; anything else becomes a warning.

import type { FeatureLine, ParseWarning, ShowVersionData } from '../../core/model.ts';
import { expandCollapsed, labelMatcher, occursTwice } from '../collapsed.ts';
import type { ParseResult } from '../license/parse.ts';
import type { Line } from '../normalize.ts';
import { FEATURE_NAMES, parseFeatureLine } from './features.ts';

const HEADER_LABELS = [
  'Licensed features for this platform:',
  'Licensed features for this user context:',
  'Failover cluster licensed features for this platform:',
  'Failover cluster licensed features for this user context:',
  'License mode:',
  'License reservation:',
  'License state:',
  'ASAv Platform License State:',
  'Active entitlement:',
  'No active entitlement:',
  'Firewall throughput limited to',
  'Serial Number:',
];
const MATCHER = labelMatcher([...HEADER_LABELS, ...FEATURE_NAMES.map((n) => `${n} :`)]);
const looksCollapsed = (t: string) =>
  t.length > 90 || occursTwice(t, ' : ') || /features for this [a-z ]+: \S/.test(t);

// Lines of `show version` that carry no licensing facts (kept out of warnings on purpose).
const QUIET = [
  /^Compiled on /,
  /^System image file is /,
  /^Config file at boot was /,
  /^Configuration (last modified|has not been modified|register is)/,
  /^\d+: (Ext|Int): /,
  /^Internal ATA Compact Flash/,
  /^Slot \d+: /,
  /^BIOS Flash /,
  /^Encryption hardware device/,
  /^(Boot|SSL\/IKE|IPSec) microcode\s*:/,
  /^Number of accelerators:/,
  /^Image type\s*:/,
  /^Key [Vv]ersion\s*:/,
  /^SSP Slot Number:/,
  /^Running (Permanent|Timebased) Activation Key:/,
  /^failover cluster up /,
  /^Cisco Adaptive Security Appliance Software Version/,
];

type HeaderRule = [RegExp, (d: ShowVersionData, m: string[]) => void];

// One line, one fact: the header lines of `show version` / `show license features`.
const HEADER_RULES: HeaderRule[] = [
  [
    /^Cisco Adaptive Security Appliance Software Version (\S+)(?:\s+<([^>]+)>)?/,
    (d, [, version = '', context]) => {
      d.software = context ? { version, context } : { version };
    },
  ],
  [/^(?:Firepower Extensible|SSP) Operating System Version (\S+)/, (d, [, v = '']) => (d.fxosVersion = v)],
  [/^Device Manager Version (\S+)/, (d, [, v = '']) => (d.deviceManagerVersion = v)],
  [
    /^Hardware:\s+([^,]+)(?:,\s*(\d+) MB RAM)?(?:,\s*CPU (.*?))?,?$/,
    (d, [, model = '', ram, cpu]) => {
      d.hardware = { model: model.trim() };
      if (ram) d.hardware.ramMb = Number(ram);
      if (cpu) d.hardware.cpu = cpu;
    },
  ],
  [/^Model Id:\s+(\S+)/, (d, [, v = '']) => (d.modelId = v)],
  [/^Serial Number:\s*(\S+)/, (d, [, v = '']) => (d.serialNumber = v)],
  [/^License mode:\s*(.+)$/i, (d, [, v = '']) => (d.licenseMode = v)],
  [/^License reservation:\s*(\S+)/i, (d, [, v = '']) => (d.licenseReservation = /^enabled$/i.test(v))],
  [/^License state:\s*(.+)$/i, (d, [, v = '']) => (d.licenseState = v)],
  [/^ASAv Platform License State:\s*(.+)$/i, (d, [, v = '']) => (d.platformLicenseState = v)],
  [
    /^Active entitlement:\s*([^,]+?)(?:,\s*enforce mode:\s*(.+))?$/i,
    (d, [, ent = '', mode]) => {
      d.activeEntitlement = ent;
      if (mode) d.enforceMode = mode;
    },
  ],
  [/^Firewall throughput limited to (.+)$/i, (d, [, v = '']) => (d.throughputLimit = v)],
  [/^This platform has an? .+$/, (d, [line = '']) => (d.platformLicenseSummary = line)],
];

function applyHeaderRule(d: ShowVersionData, t: string): boolean {
  for (const [re, apply] of HEADER_RULES) {
    const m = re.exec(t);
    if (m) {
      apply(d, m);
      return true;
    }
  }
  return false;
}

/** Parses the lines of one `show version` or `show license features` output. */
export function parseShowVersionLines(input: Line[]): ParseResult<ShowVersionData> {
  const lines = expandCollapsed(input, MATCHER, looksCollapsed);
  const data: ShowVersionData = {};
  const warnings: ParseWarning[] = [];
  let block: FeatureLine[] | undefined;
  const warn = (line: Line, message: string) =>
    warnings.push({ line: line.n, message, text: line.text.trim() });
  const note = (t: string) => {
    data.notes ??= [];
    data.notes.push(t);
  };

  for (const line of lines) {
    const t = line.text.trim();
    if (t === '') continue;
    const m = /^(Failover cluster l|L)icensed features for this (platform|user context):$/i.exec(t);
    if (m) {
      const scope = m[2]?.toLowerCase() === 'platform' ? 'platform' : 'user context';
      data.featuresScope ??= scope;
      block = [];
      if (m[1]?.startsWith('F')) data.failoverClusterFeatures = block;
      else data.features = block;
      continue;
    }
    if (block) {
      const f = parseFeatureLine(t);
      if (
        f &&
        !/^Serial Number$/i.test(f.name) &&
        !/^Image type$/i.test(f.name) &&
        !/^Key version$/i.test(f.name)
      ) {
        block.push(f);
        continue;
      }
      block = undefined;
    }
    if (applyHeaderRule(data, t)) continue;
    if (
      /^No active entitlement:/i.test(t) ||
      /^\*?Memory resource allocation/i.test(t) ||
      /^The Running Activation Key/i.test(t) ||
      /^AWS Licensing/i.test(t) ||
      /^Warning:/i.test(t)
    ) {
      note(t);
      continue;
    }
    const up = /^(\S+) up (.+)$/.exec(t);
    if (up && up[1] !== 'failover' && data.hostname === undefined) {
      data.hostname = up[1] ?? '';
      data.uptime = up[2] ?? '';
      continue;
    }
    if (QUIET.some((re) => re.test(t))) continue;
    warn(line, 'unrecognised line in a show version / show license features output');
  }
  return { data, warnings };
}
