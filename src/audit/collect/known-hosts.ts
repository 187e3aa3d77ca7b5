// Host key verification against an OpenSSH known_hosts file: plain, `[host]:port`, wildcard and
// hashed `|1|salt|hmac` entries; `@revoked` markers; `@cert-authority` lines are ignored (we do
// not do host certificates). Pure functions over the file's text plus one atomic append.

import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../write-atomic.ts';

export interface KnownHostEntry {
  patterns: string[];
  keyType: string;
  key: Buffer;
  revoked: boolean;
  line: number;
}

export type HostKeyVerdict =
  | { kind: 'known'; line: number }
  | { kind: 'unknown' }
  | { kind: 'changed'; expected: string; line: number }
  | { kind: 'revoked'; line: number };

/** `SHA256:base64` without padding, as `ssh-keygen -lf` prints it. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (`ssh-ed25519`, `rsa-sha2-…` blobs say `ssh-rsa`). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return '';
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString('latin1');
}

/** The name OpenSSH writes for a host: `host` on port 22, `[host]:port` otherwise. */
export function hostToken(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const s = raw.trim();
    if (!s || s.startsWith('#')) return;
    const parts = s.split(/\s+/);
    let revoked = false;
    if (parts[0]?.startsWith('@')) {
      const marker = parts.shift();
      if (marker === '@cert-authority') return;
      revoked = marker === '@revoked';
    }
    const [hosts, keyType, b64] = parts;
    if (!hosts || !keyType || !b64) return;
    out.push({ patterns: hosts.split(','), keyType, key: Buffer.from(b64, 'base64'), revoked, line: i + 1 });
  });
  return out;
}

function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function matchesOne(pattern: string, token: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    if (!salt || !hash) return false;
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(token).digest('base64');
    return mac === hash;
  }
  return globToRegExp(pattern).test(token);
}

/** Does this entry's host list name `host:port`? Negated patterns (`!pat`) veto a match. */
export function entryMatches(entry: KnownHostEntry, host: string, port: number): boolean {
  const token = hostToken(host, port);
  let hit = false;
  for (const p of entry.patterns) {
    if (p.startsWith('!')) {
      if (matchesOne(p.slice(1), token)) return false;
    } else if (matchesOne(p, token)) hit = true;
  }
  return hit;
}

/** The key types known for a host, so the client can ask the server for those first. */
export function knownKeyTypes(entries: KnownHostEntry[], host: string, port: number): string[] {
  return [...new Set(entries.filter((e) => !e.revoked && entryMatches(e, host, port)).map((e) => e.keyType))];
}

/**
 * Verdict for a presented key. A host with an entry of the same key type but another key is
 * `changed`, as is a host known only under other key types (OpenSSH refuses that too).
 */
export function verifyHostKey(
  entries: KnownHostEntry[],
  host: string,
  port: number,
  key: Buffer,
): HostKeyVerdict {
  const mine = entries.filter((e) => entryMatches(e, host, port));
  const revoked = mine.find((e) => e.revoked && e.key.equals(key));
  if (revoked) return { kind: 'revoked', line: revoked.line };
  const live = mine.filter((e) => !e.revoked);
  const same = live.find((e) => e.key.equals(key));
  if (same) return { kind: 'known', line: same.line };
  const type = keyTypeOf(key);
  const other = live.find((e) => keyTypeOf(e.key) === type) ?? live[0];
  if (other) return { kind: 'changed', expected: fingerprint(other.key), line: other.line };
  return { kind: 'unknown' };
}

/** One known_hosts line for a host key (plain host token; OpenSSH reads it hashed or not). */
export function knownHostsLine(host: string, port: number, key: Buffer): string {
  return `${hostToken(host, port)} ${keyTypeOf(key)} ${key.toString('base64')}`;
}

/** A hashed host token, as `ssh-keygen -H` writes it. */
export function hashedHostToken(host: string, port: number, salt = randomBytes(20)): string {
  const mac = createHmac('sha1', salt).update(hostToken(host, port)).digest('base64');
  return `|1|${salt.toString('base64')}|${mac}`;
}

/**
 * A known_hosts file shared by every device of a run: read once, appended atomically (temp +
 * rename, serialised in-process) when a new key is accepted.
 */
export class KnownHostsFile {
  #entries: KnownHostEntry[] = [];
  #writes: Promise<void> = Promise.resolve();

  private constructor(readonly path: string) {}

  static async open(path: string): Promise<KnownHostsFile> {
    const f = new KnownHostsFile(path);
    f.#entries = parseKnownHosts(await readFile(path, 'utf8').catch(() => ''));
    return f;
  }

  get entries(): readonly KnownHostEntry[] {
    return this.#entries;
  }

  verify(host: string, port: number, key: Buffer): HostKeyVerdict {
    return verifyHostKey(this.#entries, host, port, key);
  }

  keyTypes(host: string, port: number): string[] {
    return knownKeyTypes(this.#entries, host, port);
  }

  /** Record an accepted key; resolves once it is on disk. */
  append(host: string, port: number, key: Buffer): Promise<void> {
    // Follow the file's style: a file already hashed (HashKnownHosts yes, Debian's default) gets
    // a hashed entry, so accepting a key does not leave a readable host list behind.
    const hashed = this.#entries.some((e) => e.patterns.some((p) => p.startsWith('|1|')));
    const plain = knownHostsLine(host, port, key);
    const line = hashed ? plain.replace(/^\S+/, hashedHostToken(host, port)) : plain;
    this.#entries.push(...parseKnownHosts(line).map((e) => ({ ...e, line: -1 })));
    this.#writes = this.#writes.then(async () => {
      const current = await readFile(this.path, 'utf8').catch(() => '');
      const sep = current === '' || current.endsWith('\n') ? '' : '\n';
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.path, `${current}${sep}${line}\n`, 0o600);
    });
    return this.#writes;
  }
}
