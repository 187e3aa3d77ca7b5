// Parser for `show version` and `show license features`: the software/hardware header, the
// licence header lines (mode, reservation, platform state, entitlement, throughput limit, AWS
// licensing) and the "Licensed features for this platform / user context" blocks (smart and PAK,
// failover cluster). Lines that are part of `show version` but say nothing about licensing
// (interfaces, flash, compile date) are skipped quietly; anything else becomes a warning.

import type { FeatureLine, ParseWarning, ShowVersionData } from '../../core/model.ts';
import { isSpace, trimStartAt } from '../chars.ts';
import { labelMatcher, occursTwice, splitCollapsedLine } from '../collapsed.ts';
import { addWarning, excerpt } from '../limits.ts';
import type { Line } from '../normalize.ts';
import { COLONS, Finder, type OutputParser, type ParseResult, parseLines } from '../output-parser.ts';
import { SpanLookup } from '../span-lookup.ts';
import { FEATURE_NAMES, readFeatureAt } from './features.ts';

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
// Whether a line holds several `show version` lines collapsed into one (a paste): more than one
// ` : ` feature separator, or a features heading followed by its first feature. Decided without
// a substring or a regex for the lines a clean capture holds (one colon at most), the same way
// the regular expressions below decide it for the rest. `c1`, `c2`: the line's first two colons.
/** @internal exported for the test that holds it to the regular expressions. */
export function looksCollapsed(src: string, start: number, end: number, c1: number, c2: number): boolean {
  if (end - start > 90) return true;
  if (c1 < 0) return false;
  if (c2 < 0) return headingWithValue(src, start, c1, end);
  const t = src.slice(start, end);
  return occursTwice(t, ' : ') || (t.includes('features for this') && COLLAPSED_HEADING.test(t));
}

const isLowerOrSpace = (c: number) => (c >= 97 && c <= 122) || c === 32;
const HEADING_PHRASE = new Finder('features for this ');

/** COLLAPSED_HEADING.test(src[start, end)) for a line whose only colon is `colon`, in place. */
function headingWithValue(src: string, start: number, colon: number, end: number): boolean {
  // `: ` and a non-blank must follow the colon...
  if (colon + 2 >= end || src.charCodeAt(colon + 1) !== 32 || isSpace(src.charCodeAt(colon + 2)))
    return false;
  // ...and `features for this ` and at least one more [a-z ] must run up to it.
  if (HEADING_PHRASE.in(src, start, colon - 1) < 0) return false;
  let p = colon;
  while (p > start && isLowerOrSpace(src.charCodeAt(p - 1))) p--;
  return HEADING_PHRASE.in(src, p, colon - 1) >= 0;
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
  /^Start-up time /,
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

/** @internal exported for the test that holds readPrintedHeader to it. */
export function applyHeaderRule(d: ShowVersionData, t: string): boolean {
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

// The header lines every show version prints, read in place when they are exactly as printed
// (plain ASCII values): what the rule for the line's label would give, without its regular
// expression and substring. Each returns false to leave a line to HEADER_RULES.

/** End of the `\S+` token at src[i] (printable ASCII), or -1 when the rule's regex must decide. */
function tokenEnd(src: string, i: number, end: number): number {
  let j = i;
  for (; j < end; j++) {
    const c = src.charCodeAt(j);
    if (c === 32) break;
    if (c < 33 || c > 126) return -1;
  }
  return j > i ? j : -1;
}

/** Past the spaces at src[i]; -1 when what follows them is not printable ASCII (or nothing). */
function afterSpaces(src: string, i: number, end: number): number {
  let j = i;
  while (j < end && src.charCodeAt(j) === 32) j++;
  const c = src.charCodeAt(j);
  return j < end && c > 32 && c < 127 ? j : -1;
}

/** `Label:\s*(\S+)` (`spaceFirst`: `\s+`): the token, or undefined. */
function tokenAfter(src: string, v: number, end: number, spaceFirst: boolean): string | undefined {
  if (spaceFirst && src.charCodeAt(v) !== 32) return undefined;
  const from = afterSpaces(src, v, end);
  const to = from < 0 ? -1 : tokenEnd(src, from, end);
  return to < 0 ? undefined : src.slice(from, to);
}

/** `Label:\s*(.+)$`: the rest of the line, or undefined. */
function restAfter(src: string, v: number, end: number): string | undefined {
  const from = afterSpaces(src, v, end);
  if (from < 0) return undefined;
  const rest = src.slice(from, end);
  // `.` stops at line separators; leave such a line to the regex.
  return rest.includes('\u2028') || rest.includes('\u2029') ? undefined : rest;
}

/** The string fields the labelled header lines set. */
type HeaderField = 'modelId' | 'serialNumber' | 'licenseMode' | 'licenseState' | 'platformLicenseState';
type ValueReader = (src: string, v: number, end: number) => string | undefined;
// Each label with its field and how its rule reads the value after the colon.
const PRINTED_HEADERS = new SpanLookup<[HeaderField, ValueReader]>([
  ['Model Id', ['modelId', (src, v, end) => tokenAfter(src, v, end, true)]],
  ['Serial Number', ['serialNumber', (src, v, end) => tokenAfter(src, v, end, false)]],
  ['License mode', ['licenseMode', restAfter]],
  ['License state', ['licenseState', restAfter]],
  ['ASAv Platform License State', ['platformLicenseState', restAfter]],
]);

// Unlabelled header lines: the fixed words (ending in the rule's one space), then its `\S+` token.
const PRINTED_PREFIXES: [string, (d: ShowVersionData, token: string) => void][] = [
  ['Device Manager Version ', (d, t) => (d.deviceManagerVersion = t)],
  ['Firepower Extensible Operating System Version ', (d, t) => (d.fxosVersion = t)],
];

/**
 * One header line read in place, as the rules would read it; false to leave it to them.
 * @internal exported for the test that holds it to the rules.
 */
export function readPrintedHeader(
  d: ShowVersionData,
  src: string,
  start: number,
  end: number,
  colon: number,
): boolean {
  if (colon > start) {
    const header = PRINTED_HEADERS.get(src, start, colon);
    const value = header?.[1](src, colon + 1, end);
    if (header === undefined || value === undefined) return false;
    d[header[0]] = value;
    return true;
  }
  const c = src.charCodeAt(start);
  if (c !== 68 /* D */ && c !== 70 /* F */) return false;
  for (const [prefix, apply] of PRINTED_PREFIXES) {
    if (!src.startsWith(prefix, start) || start + prefix.length > end) continue;
    // The rule has one space before its token: the token starts right after the prefix.
    const from = start + prefix.length;
    const to = tokenEnd(src, from, end);
    if (to < 0) return false;
    apply(d, src.slice(from, to));
    return true;
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
    if (start === end) return; // a blank line says nothing
    const c1 = COLONS.in(src, start, end);
    const c2 = c1 < 0 ? -1 : COLONS.in(src, c1 + 1, end);
    if (!looksCollapsed(src, start, end, c1, c2)) {
      this.read(src, start, end, n, c1, c2 >= 0);
      return;
    }
    // A paste collapsed onto one line: read each label's piece as a line of its own.
    for (const piece of splitCollapsedLine(src.slice(start, end), MATCHER)) {
      const p1 = COLONS.in(piece, 0, piece.length);
      this.read(piece, 0, piece.length, n, p1, p1 >= 0 && COLONS.in(piece, p1 + 1, piece.length) >= 0);
    }
  }

  result(): ParseResult<ShowVersionData> {
    return { data: this.data, warnings: this.warnings };
  }

  /**
   * Reads one line, `src.slice(base, end)` (cleaned: no trailing blanks), whose first colon is at
   * `colon` (-1 if none), `moreColons` when it holds another.
   */
  private read(src: string, base: number, end: number, n: number, colon: number, moreColons: boolean): void {
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
      const f = readFeatureAt(src, start, end, colon, moreColons);
      if (f && !(mayBeNotFeature(f.name.charCodeAt(0)) && NOT_FEATURES.has(f.name.toLowerCase()))) {
        this.block.push(f);
        return;
      }
      this.block = undefined;
    }
    if (readPrintedHeader(data, src, start, end, colon)) return;
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
    addWarning(this.warnings, {
      line: n,
      message: 'unrecognised line in a show version / show license features output',
      text: excerpt(t),
    });
  }
}

/** Parses the lines of one `show version` or `show license features` output. */
export function parseShowVersionLines(lines: Line[]): ParseResult<ShowVersionData> {
  return parseLines(new ShowVersionParser(), lines);
}
