// `smartlic parse FILE... [--json]`: find and parse every licensing command output in saved
// captures. A bad file (missing, empty, binary, nothing recognisable) gets one line on stderr
// and exit 4; the other files are still parsed and printed.

import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { jsonText, terminalText } from '../audit/report/escape.ts';
import type { ParsedCommand } from '../core/model.ts';
import { InputError } from '../errors.ts';
import { parseCaptureEach } from '../text/capture.ts';
import { summarize } from '../text/summary.ts';
import type { CommandIo } from './io.ts';

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
  // Decoded once: fleet captures run to tens of megabytes.
  const text = buf.toString('utf8');
  if (text.trim() === '') throw new InputError('PARSE_EMPTY', `empty file; ${EXPECTED}`, { file });
  // Text captures never hold NUL bytes; archives, images and executables do.
  if (buf.includes(0)) throw new InputError('PARSE_BINARY', `binary data, not text; ${EXPECTED}`, { file });
  return text;
}

/** Joins many small writes into few large ones. */
class BufferedWriter {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly out: NodeJS.WritableStream) {}

  write(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 1 << 16) this.flush();
  }

  flush(): void {
    if (this.parts.length) this.out.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

/**
 * Parses the files and prints each output as it is parsed (a capture of a whole fleet need not be
 * held in memory as results): the `--json` array, or the summaries. Returns the exit status (0,
 * or 4 when any file was unusable).
 */
export async function run(args: string[], opts: Record<string, unknown>, io: CommandIo): Promise<number> {
  const out = new BufferedWriter(io.stdout);
  let printed = 0;
  // `--json`: the same text as JSON.stringify(allOutputs, null, 2), one element at a time.
  const print = opts.json
    ? (entry: ParsedCommand) =>
        out.write(`${printed++ === 0 ? '[\n' : ',\n'}  ${jsonText(entry).replaceAll('\n', '\n  ')}`)
    : (entry: ParsedCommand, startLine: number) =>
        // The capture's own text (hostnames, accounts, quoted lines) with no escape sequence left.
        out.write(
          `${printed++ === 0 ? '' : '\n'}${summarize(entry, startLine).map(terminalText).join('\n')}\n`,
        );
  let status = 0;
  for (const file of args) {
    try {
      const text = await readCapture(file, io.cwd);
      let found = 0;
      parseCaptureEach(text, file, (entry, startLine) => {
        found++;
        print(entry, startLine);
      });
      if (found === 0)
        throw new InputError('PARSE_UNRECOGNISED', `no licensing command output found; ${EXPECTED}`, {
          file,
        });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      out.flush();
      io.stderr.write(`smartlic: ${error.oneLine()}\n`);
      status = 4;
    }
  }
  if (opts.json) out.write(printed === 0 ? '[]\n' : '\n]\n');
  out.flush();
  return status;
}
