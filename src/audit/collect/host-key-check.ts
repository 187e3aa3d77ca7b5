// The SSH client's side of host key checking: which key types to ask for, and the verdict on
// the key the server shows (known, unknown -> fail or record with accept-new, changed -> fail).

import type { ServerHostKeyAlgorithm } from 'ssh2';
import { CollectError } from './errors.ts';
import { fingerprint, type KnownHostsFile } from './known-hosts.ts';

const HOST_KEY_ALGORITHMS: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/**
 * Host key algorithms with those matching the known key types first, as OpenSSH orders them
 * (an `ssh-rsa` key signs as rsa-sha2-*). Undefined when nothing is known: keep ssh2's defaults.
 */
export function hostKeyOrder(knownTypes: string[]): ServerHostKeyAlgorithm[] | undefined {
  if (!knownTypes.length) return undefined;
  const first = HOST_KEY_ALGORITHMS.filter((a) =>
    knownTypes.some((t) => t === a || (t === 'ssh-rsa' && a.startsWith('rsa-sha2'))),
  );
  return [...first, ...HOST_KEY_ALGORITHMS.filter((a) => !first.includes(a))];
}

/** State of one connection's host key check; `verify` is ssh2's synchronous hostVerifier. */
export interface HostKeyCheck {
  verify(key: Buffer): boolean;
  /** Set when verify refused the key. */
  error?: CollectError;
  /** Set when an unknown key was accepted: resolves once it is recorded on disk. */
  recorded?: Promise<void>;
}

export function hostKeyCheck(
  knownHosts: KnownHostsFile,
  host: string,
  port: number,
  acceptNew: boolean,
): HostKeyCheck {
  const where = `${host}:${port}`;
  const check: HostKeyCheck = {
    verify(key) {
      const verdict = knownHosts.verify(host, port, key);
      if (verdict.kind === 'known') return true;
      const got = fingerprint(key);
      if (verdict.kind === 'unknown' && acceptNew) {
        check.recorded = knownHosts.append(host, port, key);
        return true;
      }
      check.error =
        verdict.kind === 'unknown'
          ? new CollectError(
              'hostkey',
              'HOSTKEY_UNKNOWN',
              `host key ${got} for ${where} is not in ${knownHosts.path}; verify it, then re-run with --accept-new to record it`,
            )
          : verdict.kind === 'revoked'
            ? new CollectError(
                'hostkey',
                'HOSTKEY_REVOKED',
                `host key ${got} for ${where} is marked @revoked`,
              )
            : new CollectError(
                'hostkey',
                'HOSTKEY_CHANGED',
                `HOST KEY CHANGED for ${where}: expected ${verdict.expected} (${knownHosts.path}:${verdict.line}), got ${got}; possible man-in-the-middle, refusing`,
              );
      return false;
    },
  };
  return check;
}
