// `smartlic parse FILE... [--json]`: find and parse every licensing command output in saved
// captures. A bad file (missing, empty, binary, nothing recognisable) gets one line on stderr
// and exit 4; the other files are still parsed and printed.

import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandIo } from '../cli.ts';
import { InputError } from '../errors.ts';
import { type ParsedOutput, parseCaptureOutputs } from '../text/capture.ts';
import { summarize } from '../text/summary.ts';

const EXPECTED =
  'expected a saved ASA output (show license all|status|summary|features, show version, show running-config [license|call-home]) or a session log holding them';

/** Reads a capture as text, or explains in one line why it cannot be one. */
async function readCapture(file: string, cwd: string): Promise<string> {
  const path = resolve(cwd, file);
  let buf: Buffer;
  try {
    if ((await stat(path)).isDirectory())
      throw new InputError('PARSE_INPUT', `is a directory; ${EXPECTED}`, { file });
    buf = await readFile(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new InputError('PARSE_INPUT', `cannot read: ${why}; ${EXPECTED}`, { file }, error);
  }
  if (buf.length === 0 || buf.toString('utf8').trim() === '')
    throw new InputError('PARSE_EMPTY', `empty file; ${EXPECTED}`, { file });
  // Text captures never hold NUL bytes; archives, images and executables do.
  if (buf.includes(0)) throw new InputError('PARSE_BINARY', `binary data, not text; ${EXPECTED}`, { file });
  return buf.toString('utf8');
}

/** Parses the files; returns the exit status (0, or 4 when any file was unusable). */
export async function run(args: string[], opts: Record<string, unknown>, io: CommandIo): Promise<number> {
  const entries: ParsedOutput[] = [];
  let status = 0;
  for (const file of args) {
    try {
      const text = await readCapture(file, io.cwd);
      const found = parseCaptureOutputs(text, file);
      if (found.length === 0)
        throw new InputError('PARSE_UNRECOGNISED', `no licensing command output found; ${EXPECTED}`, {
          file,
        });
      entries.push(...found);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.stderr.write(`smartlic: ${error.oneLine()}\n`);
      status = 4;
    }
  }
  if (opts.json)
    io.stdout.write(
      `${JSON.stringify(
        entries.map((e) => e.entry),
        null,
        2,
      )}\n`,
    );
  else io.stdout.write(entries.map((e) => `${summarize(e.entry, e.startLine).join('\n')}\n`).join('\n'));
  return status;
}
