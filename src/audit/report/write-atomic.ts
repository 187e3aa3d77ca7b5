// Write a file so that readers (node_exporter, a browser, a scheduler) never see half of it:
// write a temporary file beside it, then rename over the target.

import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../../errors.ts';

/** Write `content` to `path` atomically (temp file + rename in the same folder). */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, content, { mode: 0o644 });
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError('WRITE_FAILED', `cannot write ${path}: ${reason}`, { file: path }, error);
  }
}
