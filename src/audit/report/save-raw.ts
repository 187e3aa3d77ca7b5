// `--save-raw DIR`: keep what was collected, one session-log file per device, so that a later
// `smartlic audit --from DIR` reads it back offline. Only device output is written: the
// collector never puts a secret into outputs.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceCollection } from '../collect/types.ts';
import { writeFileAtomic } from './write-atomic.ts';

/** File name for a device: its name with anything outside [A-Za-z0-9._-] replaced. */
export function rawFileName(device: string): string {
  return `${device.replace(/[^A-Za-z0-9._-]/g, '_') || 'device'}.txt`;
}

/** The collection as a session log: `name# command` then the output, for every command. */
export function renderSessionLog(c: DeviceCollection): string {
  const prompt = `${c.device.replace(/[^A-Za-z0-9._-]/g, '_') || 'asa'}#`;
  const parts = c.outputs.map((o) => `${prompt} ${o.command}\n${o.text.replace(/\s+$/, '')}\n`);
  return `${parts.join('')}${prompt}\n`;
}

/** Write one device's raw outputs into `dir` (created when missing). Returns the file written. */
export async function saveRaw(dir: string, c: DeviceCollection): Promise<string | undefined> {
  if (c.outputs.length === 0) return undefined;
  await mkdir(dir, { recursive: true });
  const file = join(dir, rawFileName(c.device));
  await writeFileAtomic(file, renderSessionLog(c));
  return file;
}
