// The "Licensed features for this platform:" block shared by `show version` and
// `show license features`: `Name : Value [term]`, column-aligned by the ASA (names padded to 34
// characters, values to 15 when a PAK term column follows).

import type { FeatureLine } from '../../core/model.ts';
import { isBlank, isDigit, isLetter, isSpace, trimBlanksEndAt } from '../chars.ts';
import { COLONS, indexIn } from '../output-parser.ts';
import { SpanLookup } from '../span-lookup.ts';

/** Feature names the ASA prints (genieparser's list plus what the corpus shows). */
export const FEATURE_NAMES = [
  'Maximum Physical Interfaces',
  'Maximum VLANs',
  'Inside Hosts',
  'Failover',
  'Encryption-DES',
  'Encryption-3DES-AES',
  'VPN-DES',
  'VPN-3DES-AES',
  'Security Contexts',
  'Carrier',
  'GTP/GPRS',
  'AnyConnect Premium Peers',
  'AnyConnect Essentials',
  'Other VPN Peers',
  'Total VPN Peers',
  'Shared License',
  'Shared AnyConnect Premium Peers',
  'AnyConnect for Mobile',
  'AnyConnect for Cisco VPN Phone',
  'Advanced Endpoint Assessment',
  'UC Phone Proxy Sessions',
  'Total UC Proxy Sessions',
  'Total TLS Proxy Sessions',
  'Botnet Traffic Filter',
  'Intercompany Media Engine',
  'IPS Module',
  'Cluster',
  'Cluster Members',
  'VPN Load Balancing',
];

const TERM = /\s(perpetual|\d+ days?)$/;

// Names and values every show version repeats, handed out as one shared string each: a fleet
// capture holds hundreds of thousands of feature lines, and the parse result keeps them all.
const NAMES = new SpanLookup(FEATURE_NAMES.map((n): [string, string] => [n, n]));
const VALUES = new SpanLookup(
  ['Enabled', 'Disabled', 'Unlimited', 'Active/Active', 'Active/Standby', 'Yes', 'No'].map(
    (v): [string, string] => [v, v],
  ),
);

/** Reads one feature line; `undefined` when the line is not `Name : Value [term]`. */
export function parseFeatureLine(text: string): FeatureLine | undefined {
  return readFeature(text, 0, text.length);
}

/**
 * {@link parseFeatureLine} of `src.slice(from, to)`, read in place. Hand-rolled with index
 * arithmetic (this runs for every feature line of every show version): the name ends at the first
 * colon, the value starts after it, a PAK term may close the line.
 */
export function readFeature(src: string, from: number, to: number): FeatureLine | undefined {
  let start = from;
  while (start < to && isBlank(src.charCodeAt(start))) start++;
  const end = trimBlanksEndAt(src, start, to);
  const colon = COLONS.in(src, start, end);
  return readFeatureAt(src, start, end, colon, colon >= 0 && COLONS.in(src, colon + 1, end) >= 0);
}

/**
 * {@link readFeature} of src[start, end) (no blanks at either end), whose first colon is at
 * `colon` (-1 if none), `moreColons` when it holds another.
 */
export function readFeatureAt(
  src: string,
  start: number,
  end: number,
  colon: number,
  moreColons: boolean,
): FeatureLine | undefined {
  if (colon <= start || moreColons) return featureLineOf(src.slice(start, end));
  if (!isLetter(src.charCodeAt(start))) return undefined;
  const nameEnd = trimBlanksEndAt(src, start, colon);
  let v = colon + 1;
  while (v < end && isBlank(src.charCodeAt(v))) v++;
  if (v >= end) return undefined;
  const name = NAMES.get(src, start, nameEnd) ?? src.slice(start, nameEnd);
  const last = src.charCodeAt(end - 1);
  // Only `perpetual` and `N days` end in l or s; skip the regex for every other value.
  const term = last === 108 || last === 115 ? TERM.exec(src.slice(v, end)) : null;
  if (term?.[1] !== undefined) {
    const value = src.slice(v, v + term.index).trimEnd();
    const word = term[1] === 'perpetual' ? 'perpetual' : term[1];
    return value === '' ? undefined : { name, value: value.replace(/\s+/g, ' '), term: word };
  }
  if (indexIn(src, '  ', v, end) >= 0) return { name, value: src.slice(v, end).replace(/\s+/g, ' ') };
  return { name, value: VALUES.get(src, v, end) ?? src.slice(v, end) };
}

/**
 * The general reading of a feature line, what
 * `/^([A-Za-z][^:]*?)\s*:\s*(\S+(?: \S+)*?)(?:\s+(perpetual|\d+ days?))?$/` gives
 * (property-tested): the name up to the first colon, then single-spaced words of a value, then
 * perhaps a PAK term. Read in one pass: the expression tries the term after every word of the
 * value, and the name's blanks before every character of it, each time rescanning the rest.
 * @internal exported for that test.
 */
export function featureLineOf(t: string): FeatureLine | undefined {
  const len = t.length;
  const colon = t.indexOf(':');
  if (len === 0 || !isLetter(t.charCodeAt(0)) || colon < 0) return undefined;
  let nameEnd = colon;
  while (isSpace(t.charCodeAt(nameEnd - 1))) nameEnd--;
  let v = colon + 1;
  while (v < len && isSpace(t.charCodeAt(v))) v++;
  if (v === len) return undefined;
  const name = t.slice(0, nameEnd);
  // The value's words, one at a time: after each, the line may end, or a term may end it.
  let e = v;
  for (;;) {
    while (e < len && !isSpace(t.charCodeAt(e))) e++;
    if (e === len) return { name, value: t.slice(v, e) };
    const term = termAt(t, e);
    if (term !== undefined) return { name, value: t.slice(v, e), term };
    // Another word: one space, then at least one non-blank.
    if (t.charCodeAt(e) !== 32 || e + 1 >= len || isSpace(t.charCodeAt(e + 1))) return undefined;
    e++;
  }
}

/** `\s+(perpetual|\d+ days?)$` at t[e]: the term, or undefined. */
function termAt(t: string, e: number): string | undefined {
  const len = t.length;
  let f = e;
  while (f < len && isSpace(t.charCodeAt(f))) f++;
  if (f === e || f === len) return undefined;
  if (len - f === 9 && t.startsWith('perpetual', f)) return 'perpetual';
  let d = f;
  while (d < len && isDigit(t.charCodeAt(d))) d++;
  if (d === f || !t.startsWith(' day', d)) return undefined;
  const rest = len - d;
  return rest === 4 || (rest === 5 && t.charCodeAt(len - 1) === 115) ? t.slice(f) : undefined;
}

/** Prints one feature line the way the ASA aligns it. */
export function renderFeatureLine(f: FeatureLine): string {
  const head = `${f.name.padEnd(33)} : `;
  return f.term === undefined ? `${head}${f.value}` : `${head}${f.value.padEnd(14)} ${f.term}`;
}
