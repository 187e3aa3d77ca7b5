// The "Licensed features for this platform:" block shared by `show version` and
// `show license features`: `Name : Value [term]`, column-aligned by the ASA (names padded to 34
// characters, values to 15 when a PAK term column follows).

import type { FeatureLine } from '../../core/model.ts';

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

const FEATURE_LINE = /^([A-Za-z][^:]*?)\s*:\s*(\S+(?: \S+)*?)(?:\s+(perpetual|\d+ days?))?$/;

const TERM = /\s(perpetual|\d+ days?)$/;

/** Reads one feature line; `undefined` when the line is not `Name : Value [term]`. */
export function parseFeatureLine(text: string): FeatureLine | undefined {
  // Hand-rolled (this runs for every feature line of every show version): split at the first
  // colon, then peel a PAK term column off the end.
  const t = text.trim();
  const colon = t.indexOf(':');
  if (colon <= 0 || t.indexOf(':', colon + 1) >= 0) return FEATURE_LINE.test(t) ? viaRegex(t) : undefined;
  const first = t.charCodeAt(0);
  if (!((first >= 65 && first <= 90) || (first >= 97 && first <= 122))) return undefined;
  const name = t.slice(0, colon).trimEnd();
  let rest = t.slice(colon + 1).trim();
  if (rest === '') return undefined;
  const last = rest.charCodeAt(rest.length - 1);
  // Only `perpetual` and `N days` end in l or s; skip the regex for every other value.
  const term = last === 108 || last === 115 ? TERM.exec(rest) : null;
  if (term?.[1] !== undefined) {
    rest = rest.slice(0, term.index).trimEnd();
    return rest === '' ? undefined : { name, value: rest.replace(/\s+/g, ' '), term: term[1] };
  }
  return { name, value: rest.includes('  ') ? rest.replace(/\s+/g, ' ') : rest };
}

function viaRegex(t: string): FeatureLine | undefined {
  const m = FEATURE_LINE.exec(t);
  if (!m) return undefined;
  const [, name = '', value = '', term] = m;
  return term === undefined ? { name, value } : { name, value, term };
}

/** Prints one feature line the way the ASA aligns it. */
export function renderFeatureLine(f: FeatureLine): string {
  const head = `${f.name.padEnd(33)} : `;
  return f.term === undefined ? `${head}${f.value}` : `${head}${f.value.padEnd(14)} ${f.term}`;
}
