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
  t.length > 90 ||
  occursTwice(t, ' : ') ||
  (t.includes('features for this') && /features for this [a-z ]+: \S/.test(t));

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

// Rules by the first character of the line (upper-cased), so a line meets only its candidates.
const RULES_BY_CHAR = new Map<string, HeaderRule[]>();
for (const rule of HEADER_RULES) {
  const firsts = rule[0].source.startsWith('^(?:') ? ['F', 'S'] : [rule[0].source.charAt(1).toUpperCase()];
  for (const c of firsts) RULES_BY_CHAR.set(c, [...(RULES_BY_CHAR.get(c) ?? []), rule]);
}

function applyHeaderRule(d: ShowVersionData, t: string): boolean {
  const rules = RULES_BY_CHAR.get(t.charAt(0).toUpperCase());
  if (!rules) return false;
  for (const [re, apply] of rules) {
    const m = re.exec(t);
    if (m) {
      apply(d, m);
      return true;
    }
  }
  return false;
}

const FEATURE_HEADING = /^(Failover cluster l|L)icensed features for this (platform|user context):$/i;
const NOT_FEATURES = new Set(['serial number', 'image type', 'key version']);
const NOTE =
  /^(No active entitlement:|\*?Memory resource allocation|The Running Activation Key|AWS Licensing|Warning:)/i;
const UP = /^(\S+) up (.+)$/;

/** Parses the lines of one `show version` or `show license features` output. */
export function parseShowVersionLines(input: Line[]): ParseResult<ShowVersionData> {
  const lines = expandCollapsed(input, MATCHER, looksCollapsed);
  const data: ShowVersionData = {};
  const warnings: ParseWarning[] = [];
  let block: FeatureLine[] | undefined;

  for (const line of lines) {
    const t = line.text.trim();
    if (t === '') continue;
    const m = t.endsWith(':') && t.includes('icensed features for this') ? FEATURE_HEADING.exec(t) : null;
    if (m) {
      data.featuresScope ??= m[2]?.toLowerCase() === 'platform' ? 'platform' : 'user context';
      block = [];
      if (m[1]?.startsWith('F')) data.failoverClusterFeatures = block;
      else data.features = block;
      continue;
    }
    if (block) {
      const f = parseFeatureLine(t);
      if (f && !(/^[SIKsik]/.test(f.name) && NOT_FEATURES.has(f.name.toLowerCase()))) {
        block.push(f);
        continue;
      }
      block = undefined;
    }
    if (applyHeaderRule(data, t)) continue;
    if (NOTE.test(t)) {
      data.notes ??= [];
      data.notes.push(t);
      continue;
    }
    const up = UP.exec(t);
    if (up && up[1] !== 'failover' && data.hostname === undefined) {
      data.hostname = up[1] ?? '';
      data.uptime = up[2] ?? '';
      continue;
    }
    if (QUIET.some((re) => re.test(t))) continue;
    warnings.push({
      line: line.n,
      message: 'unrecognised line in a show version / show license features output',
      text: t,
    });
  }
  return { data, warnings };
}
