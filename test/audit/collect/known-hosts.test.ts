import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fingerprint,
  hashedHostToken,
  KnownHostsFile,
  knownHostsLine,
  parseKnownHosts,
  verifyHostKey,
} from '../../../src/audit/collect/known-hosts.ts';
import { newHostKey } from './fake-asa.ts';

const pub = (k: Buffer) => {
  const p = ssh2.utils.parseKey(k);
  if (p instanceof Error) throw p;
  return (Array.isArray(p) ? p[0] : p).getPublicSSH();
};
const A = pub(newHostKey());
const B = pub(newHostKey());
const b64 = (k: Buffer) => k.toString('base64');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smartlic-kh-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('known_hosts verification', () => {
  it('plain, [host]:port, wildcard, negation and hashed entries', () => {
    const text = [
      '# comment',
      `fw1.example,10.0.0.1 ssh-ed25519 ${b64(A)}`,
      `[127.0.0.1]:2222 ssh-ed25519 ${b64(A)}`,
      `*.dc1,!bad.dc1 ssh-ed25519 ${b64(A)}`,
      `${hashedHostToken('10.9.9.9', 22)} ssh-ed25519 ${b64(A)}`,
      `@cert-authority *.ca ssh-ed25519 ${b64(A)}`,
      `@revoked * ssh-ed25519 ${b64(B)}`,
    ].join('\n');
    const e = parseKnownHosts(text);
    expect(e).toHaveLength(5);
    expect(verifyHostKey(e, 'fw1.example', 22, A)).toEqual({ kind: 'known', line: 2 });
    expect(verifyHostKey(e, '10.0.0.1', 22, A).kind).toBe('known');
    expect(verifyHostKey(e, '127.0.0.1', 2222, A)).toEqual({ kind: 'known', line: 3 });
    expect(verifyHostKey(e, '127.0.0.1', 22, A).kind).toBe('unknown');
    expect(verifyHostKey(e, 'x.dc1', 22, A).kind).toBe('known');
    expect(verifyHostKey(e, 'bad.dc1', 22, A).kind).toBe('unknown');
    expect(verifyHostKey(e, '10.9.9.9', 22, A).kind).toBe('known');
    expect(verifyHostKey(e, 'x.ca', 22, A).kind).toBe('unknown');
    expect(verifyHostKey(e, 'anything', 22, B)).toEqual({ kind: 'revoked', line: 7 });
  });

  it('a different key of the same type is CHANGED and names the expected fingerprint', () => {
    const e = parseKnownHosts(`[127.0.0.1]:2222 ssh-ed25519 ${b64(A)}\n`);
    const v = verifyHostKey(e, '127.0.0.1', 2222, B);
    expect(v).toEqual({ kind: 'changed', expected: fingerprint(A), line: 1 });
  });

  it('append is atomic and serialised; the file stays one line per key', async () => {
    const path = join(dir, 'sub', 'known_hosts');
    const f = await KnownHostsFile.open(path);
    await Promise.all([f.append('127.0.0.1', 2201, A), f.append('127.0.0.1', 2202, B)]);
    const text = await readFile(path, 'utf8');
    expect(text.split('\n').filter(Boolean).sort()).toEqual(
      [knownHostsLine('127.0.0.1', 2201, A), knownHostsLine('127.0.0.1', 2202, B)].sort(),
    );
    const again = await KnownHostsFile.open(path);
    expect(again.verify('127.0.0.1', 2202, B).kind).toBe('known');
  });
});

// Interop with OpenSSH's own tools: what we write, ssh-keygen finds; what ssh-keygen hashes, we read.
const keygen = ['/usr/bin/ssh-keygen'].find((p) => existsSync(p));
const missing = !keygen;
if (missing && process.env.CI === 'true') throw new Error('ssh-keygen (openssh-client) is required in CI');
describe.skipIf(missing)('known_hosts interop with OpenSSH ssh-keygen', () => {
  it('ssh-keygen -F finds our lines and our fingerprints match ssh-keygen -l', async () => {
    const path = join(dir, 'interop');
    await writeFile(path, `${knownHostsLine('127.0.0.1', 2299, A)}\n${knownHostsLine('fw9', 22, B)}\n`);
    const found = execFileSync(keygen as string, ['-F', '[127.0.0.1]:2299', '-f', path], {
      encoding: 'utf8',
    });
    expect(found).toContain(b64(A));
    const fp = execFileSync(keygen as string, ['-l', '-f', path], { encoding: 'utf8' });
    expect(fp).toContain(fingerprint(A));
    expect(fp).toContain(fingerprint(B));
  });

  it('appends hashed entries to a hashed file, which ssh-keygen -F still finds', async () => {
    const path = join(dir, 'hashed-append');
    await writeFile(path, `${hashedHostToken('fw1', 22)} ssh-ed25519 ${b64(A)}\n`);
    const f = await KnownHostsFile.open(path);
    await f.append('127.0.0.1', 2298, B);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('127.0.0.1');
    const found = execFileSync(keygen as string, ['-F', '[127.0.0.1]:2298', '-f', path], {
      encoding: 'utf8',
    });
    expect(found).toContain(b64(B));
  });

  it('reads a file hashed by ssh-keygen -H', async () => {
    const path = join(dir, 'hashed');
    await writeFile(path, `${knownHostsLine('127.0.0.1', 2299, A)}\n${knownHostsLine('fw9', 22, B)}\n`);
    execFileSync(keygen as string, ['-H', '-f', path], { stdio: 'ignore' });
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('127.0.0.1');
    expect(text).toContain('|1|');
    const e = parseKnownHosts(text);
    expect(verifyHostKey(e, '127.0.0.1', 2299, A).kind).toBe('known');
    expect(verifyHostKey(e, 'fw9', 22, B).kind).toBe('known');
    expect(verifyHostKey(e, 'fw9', 22, A).kind).toBe('changed');
    expect(verifyHostKey(e, 'fw8', 22, A).kind).toBe('unknown');
  });
});
