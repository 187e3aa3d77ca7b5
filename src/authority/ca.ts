// The lab's own certificate authority: one CA, and a server certificate for the names the
// devices dial (smartreceiver.cisco.com, tools.cisco.com) plus loopback, signed by it. Minted
// once per lab state folder and reused, so devices and the probe can trust a stable CA file.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { YEAR } from '../core/time.ts';
import { writeFileAtomicSync } from '../write-atomic.ts';

/** PEM material of the lab CA and the authority's server certificate. */
export interface LabCa {
  /** CA certificate (PEM): what clients trust. */
  caCert: string;
  /** Server certificate (PEM) signed by the CA. */
  cert: string;
  /** Server private key (PEM). Never logged. */
  key: string;
  /** Where the CA certificate lives on disk, when persisted. */
  caFile?: string;
}

/** Names on the authority's certificate: both transports' hosts and loopback. */
export const AUTHORITY_NAMES = ['smartreceiver.cisco.com', 'tools.cisco.com', 'localhost'] as const;

/** A certificate and its private key (PEM). */
export interface CertKey {
  cert: string;
  key: string;
}

/**
 * Validity is wide (a year back, ten forward) because the lab's virtual clock may sit years away
 * from the wall clock, while TLS checks the real time.
 */
function validity(wall: number): { notBeforeDate: Date; notAfterDate: Date } {
  return { notBeforeDate: new Date(wall - YEAR), notAfterDate: new Date(wall + 10 * YEAR) };
}

/** A CA certificate named `commonName` (the lab CA, or in tests e.g. a corporate inspection CA). */
export async function mintCa(commonName: string, wall = Date.now()): Promise<CertKey> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...validity(wall),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** A server certificate for `names` plus loopback (127.0.0.1, ::1), signed by `ca`. */
export async function mintServerCert(
  ca: CertKey,
  names: readonly string[] = AUTHORITY_NAMES,
  wall = Date.now(),
): Promise<CertKey> {
  const pems = await generate([{ name: 'commonName', value: names[0] ?? 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    ...validity(wall),
    ca: { key: ca.key, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...names.map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
          { type: 7 as const, ip: '::1' },
        ],
      },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** Mint a fresh lab CA and a server certificate for `names`, both valid over the same window. */
export async function mintLabCa(names: readonly string[] = AUTHORITY_NAMES): Promise<LabCa> {
  const wall = Date.now();
  const ca = await mintCa('smartlic lab CA', wall);
  const server = await mintServerCert(ca, names, wall);
  return { caCert: ca.cert, ...server };
}

/**
 * The lab CA persisted in `dir` (ca.pem, server.pem, server-key.pem with mode 0600): loaded when
 * present, minted and written otherwise.
 */
export async function loadOrCreateLabCa(dir: string): Promise<LabCa> {
  mkdirSync(dir, { recursive: true });
  const caFile = join(dir, 'ca.pem');
  const certFile = join(dir, 'server.pem');
  const keyFile = join(dir, 'server-key.pem');
  if (existsSync(caFile) && existsSync(certFile) && existsSync(keyFile)) {
    return {
      caCert: readFileSync(caFile, 'utf8'),
      cert: readFileSync(certFile, 'utf8'),
      key: readFileSync(keyFile, 'utf8'),
      caFile,
    };
  }
  const minted = await mintLabCa();
  // Key first, CA last: a half-written set is re-minted on the next start instead of loaded.
  writeFileAtomicSync(keyFile, minted.key, 0o600);
  writeFileAtomicSync(certFile, minted.cert, 0o644);
  writeFileAtomicSync(caFile, minted.caCert, 0o644);
  return { ...minted, caFile };
}
