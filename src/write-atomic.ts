// Files written so that a reader (node_exporter, a browser, a restarted lab, OpenSSH) never sees
// half of one: write a temporary file beside the target, then rename it over the target (rename is
// atomic within a folder). A failed write removes its temporary file and rethrows.

import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// Hidden and unique per write, so concurrent writers never share a temporary file; the writer's
// process id in the name tells a later run whether the writer is still alive.
const tempBeside = (path: string) =>
  join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
const TEMP = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/** True when a process of that id runs on this machine (or may: we cannot signal it). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A temporary file this old whose writer is gone was left by a killed run. */
const STALE_MS = 10 * 60 * 1000;
const swept = new Set<string>();

/**
 * Removes the temporary files that writers killed mid-write (kill -9, a power cut) left in `dir`:
 * ours by their name, whose process is gone and that are older than ten minutes (a writer on
 * another machine sharing the folder is given that long). Once per folder and process: the first
 * write into a folder does it. Never fails: a file it cannot remove is left.
 */
export async function cleanStaleTemps(dir: string): Promise<void> {
  if (swept.has(dir)) return;
  swept.add(dir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    const path = join(dir, name);
    try {
      if (now - (await stat(path)).mtimeMs > STALE_MS) await rm(path, { force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
}

/**
 * Replace `path` with `data` atomically; `mode` applies when the file is created (default 0666 &
 * ~umask). `data` may arrive in pieces (an export too large to hold whole).
 */
export async function writeFileAtomic(
  path: string,
  data: string | AsyncIterable<string>,
  mode?: number,
): Promise<void> {
  await cleanStaleTemps(dirname(path));
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
