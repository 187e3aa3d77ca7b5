// `--save-raw DIR`: keep what was collected so the same audit can be re-run offline later. One
// folder per device, one file per command, a manifest; every file written temp + rename. The
// collection never held a secret, and the manifest copies only whitelisted fields.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../write-atomic.ts';
import type { DeviceCollection } from './types.ts';

export const MANIFEST = 'device.json';

/** A file-system-safe name for a device or a command. */
export function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'device';
}

export interface RawManifest {
  device: string;
  source: DeviceCollection['source'];
  ok: boolean;
  error?: DeviceCollection['error'];
  context?: DeviceCollection['context'];
  failover?: DeviceCollection['failover'];
  collectedAt: string;
  durationMs: number;
  files: { command: string; file: string }[];
}

/** Write one device's collection under `dir/<device>/`; returns that folder. */
export async function writeRaw(dir: string, c: DeviceCollection): Promise<string> {
  const folder = join(dir, safeName(c.device));
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const files: RawManifest['files'] = [];
  for (const o of c.outputs) {
    let file = `${safeName(o.command.replace(/\s+/g, '-'))}.txt`;
    for (let n = 2; files.some((f) => f.file === file); n++)
      file = `${safeName(o.command.replace(/\s+/g, '-'))}-${n}.txt`;
    await writeFileAtomic(join(folder, file), o.text, 0o600);
    files.push({ command: o.command, file });
  }
  const manifest: RawManifest = {
    device: c.device,
    source: c.source,
    ok: c.ok,
    ...(c.error ? { error: { phase: c.error.phase, code: c.error.code, message: c.error.message } } : {}),
    ...(c.context ? { context: c.context } : {}),
    ...(c.failover ? { failover: c.failover } : {}),
    collectedAt: c.collectedAt,
    durationMs: c.durationMs,
    files,
  };
  await writeFileAtomic(join(folder, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, 0o600);
  return folder;
}
