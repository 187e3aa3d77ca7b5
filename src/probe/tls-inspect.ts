// What the server's certificate chain says: who it is for, who issued it, whether it verifies
// against the public roots plus the operator's --ca, and whether it looks like TLS inspection
// (a Cisco name presented with a certificate that does not chain to a public root).

import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import type { CertSummary, ChainTrust } from './types.ts';

/** Split a PEM bundle into certificates. */
export function parsePemBundle(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new X509Certificate(block));
}

/** `CN=foo, O=bar` from Node's subject/issuer object. */
function dn(name: Record<string, string | string[]> | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

/** Leaf first, up to the last certificate the peer sent (or the root Node matched). */
export function peerChain(socket: TLSSocket): DetailedPeerCertificate[] {
  const chain: DetailedPeerCertificate[] = [];
  let cert = socket.getPeerCertificate(true) as DetailedPeerCertificate | undefined;
  const seen = new Set<string>();
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(cert);
    cert = cert.issuerCertificate;
  }
  return chain;
}

export function summarize(cert: DetailedPeerCertificate): CertSummary {
  return {
    subject: dn(cert.subject as unknown as Record<string, string>),
    issuer: dn(cert.issuer as unknown as Record<string, string>),
    validTo: new Date(cert.valid_to).toISOString(),
    fingerprint256: cert.fingerprint256,
  };
}

/** True when `top` is one of `cas` or was signed by one of them. */
function anchoredIn(top: DetailedPeerCertificate, cas: X509Certificate[]): boolean {
  const x = new X509Certificate(top.raw);
  return cas.some(
    (ca) => ca.fingerprint256 === x.fingerprint256 || (x.checkIssued(ca) && x.verify(ca.publicKey)),
  );
}

/** Classify an authorized (or not) chain against the extra CAs the operator gave. */
export function chainTrust(
  authorized: boolean,
  chain: DetailedPeerCertificate[],
  extraCas: X509Certificate[],
): ChainTrust {
  if (!authorized) return 'untrusted';
  const top = chain.at(-1);
  return top && anchoredIn(top, extraCas) ? 'private-trusted' : 'public';
}

/** Hosts whose certificates come from a public CA: anything else there is an interception. */
export function expectsPublicCa(host: string): boolean {
  return /(^|\.)cisco\.com$/i.test(host);
}
