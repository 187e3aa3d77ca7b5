// Parser for `show version` and `show license features`: the software/hardware header, the
// licence header lines (mode, reservation, platform state, entitlement, throughput limit, AWS
// licensing) and the "Licensed features for this platform / user context" blocks (smart and PAK,
// failover cluster). Lines that are part of `show version` but say nothing about licensing
// (interfaces, flash, compile date) are skipped quietly; anything else becomes a warning.

import type { FeatureLine, ParseWarning, ShowVersionData } from '../../core/model.ts';
import { labelMatcher, occursTwice, splitCollapsedLine } from '../collapsed.ts';
import type { Line } from '../normalize.ts';
import { indexIn, type OutputParser, type ParseResult, parseLines, trimStartAt } from '../output-parser.ts';
import { FEATURE_NAMES, readFeature } from './features.ts';

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
const COLLAPSED_HEADING = /features for this [a-z ]+: \S/;
// Cheap pre-check for the collapsed-line expander: the full rule (last lines) only runs when a
// necessary condition holds. Both of its tests need a colon; a second ` : ` needs two colons; a
// collapsed heading on a one-colon line needs `features for this [a-z ]+` right before that colon.
function looksCollapsed(src: string, start: number, end: number): boolean {
  if (end - start > 90) return true;
  const c1 = indexIn(src, ':', start, end);
  if (c1 < 0) return false;
  // One colon: the heading phrase must start at least 18 characters before it.
  if (indexIn(src, ':', c1 + 1, end) < 0) {
    if (c1 - start < 18) return false;
    if (indexIn(src, 'features for this', start, c1 - 1) < 0) return false;
  }
  const t = src.slice(start, end);
  return occursTwice(t, ' : ') || (t.includes('features for this') && COLLAPSED_HEADING.test(t));
}

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

// QUIET by first character (every pattern is anchored and starts with a literal or a digit).
const QUIET_BY_CHAR: RegExp[][] = [];
for (const re of QUIET) {
  const first = re.source.charAt(1);
  const codes =
    first === '\\' ? [48, 49, 50, 51, 52, 53, 54, 55, 56, 57] : first === '(' ? [] : [first.charCodeAt(0)];
  for (const code of codes) QUIET_BY_CHAR[code] = [...(QUIET_BY_CHAR[code] ?? []), re];
}
const QUIET_ANY = QUIET.filter((re) => re.source.charAt(1) === '(');
function isQuiet(t: string): boolean {
  const rules = QUIET_BY_CHAR[t.charCodeAt(0)];
  if (rules) for (const re of rules) if (re.test(t)) return true;
  for (const re of QUIET_ANY) if (re.test(t)) return true;
  return false;
}

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

// Rules by the first character of the line (upper-cased char code), so a line meets only its
// candidates (some rules are case-insensitive: both cases of the letter lead to them).
const RULES_BY_CHAR: (HeaderRule[] | undefined)[] = [];
for (const rule of HEADER_RULES) {
  const firsts = rule[0].source.startsWith('^(?:') ? ['F', 'S'] : [rule[0].source.charAt(1).toUpperCase()];
  for (const c of firsts) {
    const code = c.charCodeAt(0);
    RULES_BY_CHAR[code] = [...(RULES_BY_CHAR[code] ?? []), rule];
  }
}

/** Upper-cases an ASCII letter's code (what `charAt(0).toUpperCase()` does for the rule keys). */
const upperCode = (c: number) => (c >= 97 && c <= 122 ? c - 32 : c);

function applyHeaderRule(d: ShowVersionData, t: string): boolean {
  const rules = RULES_BY_CHAR[upperCode(t.charCodeAt(0))];
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
// First letters of NOT_FEATURES (either case): other names skip the lower-casing and lookup.
const mayBeNotFeature = (c: number) =>
  c === 83 || c === 73 || c === 75 || c === 115 || c === 105 || c === 107;
const NOTE =
  /^(No active entitlement:|\*?Memory resource allocation|The Running Activation Key|AWS Licensing|Warning:)/i;
const UP = /^(\S+) up (.+)$/;

/** Reads one `show version` or `show license features` output a line at a time. */
export class ShowVersionParser implements OutputParser<ShowVersionData> {
  private readonly data: ShowVersionData = {};
  private readonly warnings: ParseWarning[] = [];
  /** The features block being read, if any. */
  private block: FeatureLine[] | undefined;

  line(src: string, start: number, end: number, n: number): void {
    if (!looksCollapsed(src, start, end)) {
      this.read(src, start, end, n);
      return;
    }
    // A paste collapsed onto one line: read each label's piece as a line of its own.
    for (const piece of splitCollapsedLine(src.slice(start, end), MATCHER))
      this.read(piece, 0, piece.length, n);
  }

  result(): ParseResult<ShowVersionData> {
    return { data: this.data, warnings: this.warnings };
  }

  /** Reads one line, `src.slice(base, end)` (cleaned: no trailing blanks). */
  private read(src: string, base: number, end: number, n: number): void {
    const start = trimStartAt(src, base, end);
    if (start === end) return;
    const data = this.data;
    if (src.charCodeAt(end - 1) === 58) {
      const t = src.slice(start, end);
      const m = t.includes('icensed features for this') ? FEATURE_HEADING.exec(t) : null;
      if (m) {
        data.featuresScope ??= m[2]?.toLowerCase() === 'platform' ? 'platform' : 'user context';
        this.block = [];
        if (m[1]?.startsWith('F')) data.failoverClusterFeatures = this.block;
        else data.features = this.block;
        return;
      }
    }
    if (this.block) {
      const f = readFeature(src, start, end);
      if (f && !(mayBeNotFeature(f.name.charCodeAt(0)) && NOT_FEATURES.has(f.name.toLowerCase()))) {
        this.block.push(f);
        return;
      }
      this.block = undefined;
    }
    const t = src.slice(start, end);
    if (applyHeaderRule(data, t)) return;
    if (NOTE.test(t)) {
      data.notes ??= [];
      data.notes.push(t);
      return;
    }
    const up = UP.exec(t);
    if (up && up[1] !== 'failover' && data.hostname === undefined) {
      data.hostname = up[1] ?? '';
      data.uptime = up[2] ?? '';
      return;
    }
    if (isQuiet(t)) return;
    this.warnings.push({
      line: n,
      message: 'unrecognised line in a show version / show license features output',
      text: t,
    });
  }
}

/** Parses the lines of one `show version` or `show license features` output. */
export function parseShowVersionLines(lines: Line[]): ParseResult<ShowVersionData> {
  return parseLines(new ShowVersionParser(), lines);
}
