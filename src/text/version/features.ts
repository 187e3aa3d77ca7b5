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

/** Reads one feature line; `undefined` when the line is not `Name : Value [term]`. */
export function parseFeatureLine(text: string): FeatureLine | undefined {
  const m = FEATURE_LINE.exec(text.trim());
  if (!m) return undefined;
  const [, name = '', value = '', term] = m;
  return term === undefined ? { name, value } : { name, value, term };
}

/** Prints one feature line the way the ASA aligns it. */
export function renderFeatureLine(f: FeatureLine): string {
  const head = `${f.name.padEnd(33)} : `;
  return f.term === undefined ? `${head}${f.value}` : `${head}${f.value.padEnd(14)} ${f.term}`;
}
