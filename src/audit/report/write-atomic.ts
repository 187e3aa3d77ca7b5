// Report files (HTML, Prometheus textfile) written whole, with a failure reported as one line
// naming the file.

import { InputError } from '../../errors.ts';
import { writeFileAtomic as writeAtomic } from '../../write-atomic.ts';

/** Write `content` to `path` atomically (temp file + rename in the same folder), mode 0644. */
export async function writeFileAtomic(path: string, content: string | AsyncIterable<string>): Promise<void> {
  try {
    await writeAtomic(path, content, 0o644);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InputError('WRITE_FAILED', `cannot write ${path}: ${reason}`, { file: path }, error);
  }
}
