// Files written so that a reader (node_exporter, a browser, a restarted lab, OpenSSH) never sees
// half of one: write a temporary file beside the target, then rename it over the target (rename is
// atomic within a folder). A failed write removes its temporary file and rethrows.

import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// Hidden and unique per write, so concurrent writers never share a temporary file.
const tempBeside = (path: string) =>
  join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);

/**
 * Replace `path` with `data` atomically; `mode` applies when the file is created (default 0666 &
 * ~umask). `data` may arrive in pieces (an export too large to hold whole).
 */
export async function writeFileAtomic(
  path: string,
  data: string | AsyncIterable<string>,
  mode?: number,
): Promise<void> {
  const tmp = tempBeside(path);
  try {
    await writeFile(tmp, data, mode === undefined ? {} : { mode });
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/** `writeFileAtomic` for start-up paths that are synchronous. */
export function writeFileAtomicSync(path: string, data: string, mode?: number): void {
  const tmp = tempBeside(path);
  try {
    writeFileSync(tmp, data, mode === undefined ? {} : { mode });
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
