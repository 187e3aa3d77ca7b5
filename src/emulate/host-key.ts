// A persistent SSH host key per device: generated once into the device's state folder and reused
// on every restart, so clients' known_hosts stay valid. The parsed form is what ssh2 needs per
// connection; it is parsed once per device (or shared across devices in the benchmark).

import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ParsedKey } from 'ssh2';
import ssh2 from 'ssh2';
import { InputError } from '../errors.ts';
import { writeFileAtomic } from '../write-atomic.ts';

const { utils } = ssh2;

export interface HostKey {
  /** The private key as ssh2 parsed it (pass as `{ key: parsed }` to the Server). */
  parsed: ParsedKey;
  /** OpenSSH public key line, e.g. `ssh-ed25519 AAAA…`. */
  publicKey: string;
  /** `SHA256:…` as `ssh-keygen -l` prints it. */
  fingerprint: string;
}

/** Build a HostKey from an OpenSSH private key text. */
export function hostKeyFromPrivate(privateKey: string, source = 'host key'): HostKey {
  const parsed = utils.parseKey(privateKey);
  if (parsed instanceof Error) throw new InputError('HOST_KEY', `cannot parse ${source}: ${parsed.message}`);
  const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed;
  const blob = key.getPublicSSH();
  const publicKey = `${key.type} ${blob.toString('base64')}`;
  const fingerprint = `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
  return { parsed: key, publicKey, fingerprint };
}

/**
 * A fresh ed25519 private key (OpenSSH text). ssh2's generateKeyPairSync('ed25519') now and then
 * (about 1 in 400) writes a key its own parseKey rejects ("Malformed OpenSSH private key": a
 * 31-byte public key). Draw again until the key parses, so a lab of 100 devices does not fail to
 * start one time in five.
 */
export function generateHostKeyText(): string {
  for (;;) {
    const pair = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.private) instanceof Error)) return pair.private;
  }
}

/** A fresh ed25519 host key (not persisted). */
export function generateHostKey(): HostKey {
  return hostKeyFromPrivate(generateHostKeyText());
}

/** Load the key at `file`, or generate and write it (atomically, mode 0600) when it is missing. */
export async function loadOrCreateHostKey(file: string): Promise<HostKey> {
  try {
    return hostKeyFromPrivate(await readFile(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const text = generateHostKeyText();
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, text, 0o600);
  return hostKeyFromPrivate(text, file);
}
