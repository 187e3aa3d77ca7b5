// Parser for `show license all`, `show license status` and `show license summary`: they print
// subsets of the same sections, so one label-driven reader serves all three. Unknown lines never
// throw; they come back as warnings with their line number in the file.

import type { SmartLicenseData } from '../../core/model.ts';
import { isBlank, isLetter } from '../chars.ts';
import { labelMatcher, splitCollapsedLine } from '../collapsed.ts';
import type { Line } from '../normalize.ts';
import { COLONS, colonSpaceIn, type OutputParser, type ParseResult, parseLines } from '../output-parser.ts';
import { SpanLookup } from '../span-lookup.ts';
import { FIELD_HANDLERS, type Handler } from './fields.ts';
import { LicenseReader, type Section } from './reader.ts';
import { usageHeader, usageRow } from './usage.ts';
import { ATTEMPT_LABELS } from './words.ts';

/** Labels that start a line in these outputs; used to rebuild lines from collapsed pastes. */
export const LICENSE_LABELS = [
  'Smart Licensing Status',
  'Smart Licensing is',
  'Registration:',
  'Status:',
  'Smart Account:',
  'Virtual Account:',
  'Export-Controlled Functionality:',
  'Initial Registration:',
  `${ATTEMPT_LABELS.renewal}:`,
  'Failure reason:',
  'Next Renewal Attempt:',
  'Next Registration Attempt:',
  'Registration Expires:',
  'License Authorization:',
  `${ATTEMPT_LABELS.communication}:`,
  'Next Communication Attempt:',
  'Communication Deadline:',
  'Evaluation Period Remaining:',
  'Evaluation Period Expired:',
  'Export Authorization Key:',
  'Features Authorized:',
  'Utility:',
  'Data Privacy:',
  'Sending Hostname:',
  'Callhome hostname privacy:',
  'Smart Licensing hostname privacy:',
  'Version privacy:',
  'Transport:',
  'Type:',
  'URL:',
  'Proxy:',
  'Address:',
  'Port:',
  'VRF:',
  'License Usage',
  'No licenses in use',
  'Product Information',
  'UDI:',
  'Agent Version',
  'Smart Agent for Licensing:',
  'Reservation Info',
  'License reservation:',
  'Description:',
  'Count:',
  'Version:',
  'Export status:',
];
// Underlines (`======`) of collapsed headings: cut before the run and after it (at the blanks
// that follow it: pieces are trimmed). A lookbehind over the blanks (`(?<==\s+)`) would rescan
// the whole run of blanks from each of its positions.
/** @internal exported for the test that holds it to the lookbehind it replaced. */
export const MATCHER = labelMatcher(LICENSE_LABELS, ['={3,}', '(?<==)\\s+(?=[^=\\s])']);
// A clean line holds at most one `label: value`; a collapsed one holds several, or is long.
// `colon`: the line's first colon (or -1), which readLine needs too.
function looksCollapsed(src: string, start: number, end: number, colon: number): boolean {
  if (end - start > 80) return true;
  if (colon < 0) return false;
  const first = colonSpaceIn(src, colon, end);
  if (first < 0) return false;
  return colonSpaceIn(src, first + 2, end) >= 0 || src.charCodeAt(end - 1) === 58;
}

const HEADINGS = new Map<string, Section>(
  Object.entries<Section>({
    'registration:': 'registration',
    'license authorization:': 'authorization',
    'export authorization key:': 'exportKey',
    'utility:': 'utility',
    'data privacy:': 'privacy',
    'transport:': 'transport',
    'license usage': 'usage',
    'license usage:': 'usage',
    'product information': 'product',
    'agent version': 'agent',
    'reservation info': 'reservation',
  }).flatMap(([k, v]): [string, Section][] => [
    [k, v],
    // The ASA's own capitalisation, so clean captures skip the lower-casing.
    [k.replace(/(^|\s)\w/g, (c) => c.toUpperCase()), v],
  ]),
);

// Known labels as the ASA prints them -> the lower-case key of their handler; other spellings
// fall back to lower-casing (saves an allocation on every clean line).
const LABEL_KEYS = new Map<string, string>();
for (const l of LICENSE_LABELS)
  if (l.endsWith(':')) LABEL_KEYS.set(l.slice(0, -1), l.slice(0, -1).toLowerCase());
for (const l of ['Export status', 'Failure reason']) LABEL_KEYS.set(l, l.toLowerCase());
// One lookup per line, without slicing: the printed label straight to its handler.
const PRINTED_LABELS = new SpanLookup<[Handler, string]>(
  [...LABEL_KEYS].flatMap(([printed, key]): [string, [Handler, string]][] => {
    const handler = FIELD_HANDLERS.get(key);
    return handler ? [[printed, [handler, printed]]] : [];
  }),
);
const PRINTED_HEADINGS = new SpanLookup<Section>(HEADINGS);

/** Reads one `show license all|status|summary` output a line at a time. */
export class SmartLicenseParser implements OutputParser<SmartLicenseData> {
  private readonly r = new LicenseReader();

  line(src: string, start: number, end: number, n: number): void {
    if (start === end) return; // a blank line says nothing
    const colon = COLONS.in(src, start, end);
    if (!looksCollapsed(src, start, end, colon)) {
      readLine(this.r, src, start, end, n, colon);
      return;
    }
    // A paste collapsed onto one line: read each label's piece as a line of its own.
    for (const piece of splitCollapsedLine(src.slice(start, end), MATCHER))
      readLine(this.r, piece, 0, piece.length, n, COLONS.in(piece, 0, piece.length));
  }

  result(): ParseResult<SmartLicenseData> {
    return { data: this.r.data, warnings: this.r.warnings };
  }
}

/** Parses the lines of one `show license all|status|summary` output. */
export function parseSmartLicenseLines(lines: Line[]): ParseResult<SmartLicenseData> {
  return parseLines(new SmartLicenseParser(), lines);
}

/**
 * Reads one line, `src.slice(base, end)` (cleaned: no trailing blanks), numbered `n`, whose first
 * colon is at `colon` (-1 if none).
 */
function readLine(r: LicenseReader, src: string, base: number, end: number, n: number, colon: number): void {
  // Index arithmetic on src instead of trim()/slice().trim(): this runs for every line of every
  // output, and each avoided substring is an allocation saved.
  let start = base;
  while (start < end && isBlank(src.charCodeAt(start))) start++;
  if (start === end) return;
  r.src = src;
  r.lineStart = base;
  r.lineEnd = end;
  r.n = n;
  const first = src.charCodeAt(start);
  if (start === base && end - base <= 26 && (colon < 0 || colon === end - 1)) {
    // Headings are short, unindented, and end at their only colon (if any). Other spellings
    // than the ASA's own are looked up lower-cased: only worth it for a line starting with a letter.
    const heading =
      PRINTED_HEADINGS.get(src, base, end) ??
      (isLetter(first) ? HEADINGS.get(src.slice(base, end).toLowerCase()) : undefined);
    if (heading) {
      r.section = heading;
      r.inferred = false;
      r.lastAttempt = undefined;
      if (heading === 'usage') r.data.usage ??= [];
      if (heading === 'exportKey') r.data.exportAuthorizationKey ??= { featuresAuthorized: [] };
      return;
    }
  }
  if (colon > start) {
    const printed = PRINTED_LABELS.get(src, start, colon);
    let handler: Handler | undefined;
    let label: string;
    if (printed) {
      handler = printed[0];
      label = printed[1];
    } else {
      label = src.slice(start, colon);
      handler = FIELD_HANDLERS.get(label.toLowerCase());
    }
    if (handler) {
      let v = colon + 1;
      while (v < end && isBlank(src.charCodeAt(v))) v++;
      if (handler(r, src, v, end, label)) return;
    }
  }
  const t = src.slice(start, end);
  if (
    (first === 61 && /^=+$/.test(t)) ||
    (first === 45 && /^-{5,}$/.test(t)) ||
    t === 'Smart Licensing Status'
  )
    return;
  if (first === 83 && t.startsWith('Smart Licensing is ')) {
    const v = t.slice('Smart Licensing is '.length).toUpperCase();
    if (v === 'ENABLED' || v === 'DISABLED') r.data.smartLicensing = v;
    else r.warn('expected "Smart Licensing is ENABLED|DISABLED"');
    return;
  }
  readUnlabelled(r, t, colon < 0 ? -1 : colon - start);
}

/** Lines without a label of their own: `Not Supported`, VRF names, features, usage entries. */
function readUnlabelled(r: LicenseReader, t: string, colon: number): void {
  const section = r.section;
  if ((section === 'proxy' || section === 'vrf') && /^not supported$/i.test(t)) {
    r.transport()[section] = null;
    return;
  }
  if (section === 'vrf' && colon < 0) {
    r.transport().vrf = t;
    return;
  }
  if (section === 'exportKey') {
    if (t !== '<none>') r.data.exportAuthorizationKey?.featuresAuthorized.push(t);
    return;
  }
  if (/^no licenses in use$/i.test(t)) {
    r.data.usage ??= [];
    r.section = 'usage';
    return;
  }
  if (section === 'usage') {
    const header = usageHeader(t);
    if (header) {
      r.entry = header;
      r.data.usage ??= [];
      r.data.usage.push(r.entry);
      return;
    }
    // `show license summary` table row: name, (tag), count, status.
    const row = usageRow(t);
    if (row) {
      r.data.usage ??= [];
      r.data.usage.push(row);
      return;
    }
    if (/^License\s+Entitlement tag\s+Count\s+Status$/i.test(t)) return;
  }
  r.warn('unrecognised line in a show license output');
}
