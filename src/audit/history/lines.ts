// Lines of a JSON-lines file, numbered, with memory bounded by the longest allowed line: a file
// that is one endless line (or no JSON at all) costs `maxLength`, not its size.

import type { Readable } from 'node:stream';

/** A line of an import file, numbered from 1; `text` is null when it was longer than allowed. */
export interface NumberedLine {
  n: number;
  text: string | null;
}

/** A history record is a few kilobytes; a line past this is no record. */
export const MAX_LINE = 1 << 20;

/** Each line of `input` (UTF-8); a line longer than `maxLength` comes as `text: null`. */
export async function* numberedLines(input: Readable, maxLength = MAX_LINE): AsyncGenerator<NumberedLine> {
  input.setEncoding('utf8');
  let n = 1;
  let pending = '';
  let tooLong = false;
  for await (const chunk of input as AsyncIterable<string>) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', from);
      const piece = chunk.slice(from, nl < 0 ? chunk.length : nl);
      if (!tooLong) {
        if (pending.length + piece.length > maxLength) {
          tooLong = true;
          pending = '';
        } else pending += piece;
      }
      if (nl < 0) break;
      yield { n: n++, text: tooLong ? null : pending.replace(/\r$/, '') };
      pending = '';
      tooLong = false;
      from = nl + 1;
    }
  }
  if (pending || tooLong) yield { n, text: tooLong ? null : pending.replace(/\r$/, '') };
}
