// Cuts a whole capture into the same cleaned, numbered lines as `normalizeLines`, in one pass and
// without running the cleaner on ordinary lines. Fleet captures are tens of megabytes; the cleaner
// costs several scans of every line (CR, tabs, angle brackets, escapes), while almost no line needs
// it. Here one cursor per special character remembers where that character next occurs in the
// text, so a line is known clean by comparing a few numbers, and only lines that hold one of them
// (an annotation arrow, a pager remnant, a tab, a stray CR) go through `cleanerFor`.

import { cleanerFor, type Line } from './normalize.ts';

// Every character that can make the cleaner change a line (besides trailing blanks): ESC, BS,
// TAB, CR, `<`, `>`. A cleaner built from a text holding all of them checks each one per line.
const SPECIALS = ['\x1b', '\b', '\t', '\r', '<', '>'];
const cleanDirty = cleanerFor(SPECIALS.join(''));
const CR = SPECIALS.indexOf('\r');
const GT = SPECIALS.indexOf('>');
// A CR that does not end a CRLF line: only such a CR makes a line dirty.
const STRAY_CR = /\r(?!\n)/;

/** Where `ch` next occurs in `text` at or after `from`; `text.length` (past every line) if never. */
function nextOf(text: string, ch: string, from: number): number {
  const at = text.indexOf(ch, from);
  return at < 0 ? text.length : at;
}

/**
 * Iterates the cleaned lines of a text: `{ n, text }` exactly as `normalizeLines(text)` gives them
 * (property-tested against it), but one at a time so each line dies young with its chunk.
 */
export class LineScanner {
  private pos = 0;
  private n = 0;
  /** Next position of each of SPECIALS, at or after `pos` (refreshed lazily when passed). */
  private readonly cursors: number[];

  /** Next position of `#` (prompts end in `#` or `>`). */
  private hash = -1;
  /** True when the line last returned holds `#` or `>`: only such a line can be a prompt. */
  mayBePrompt = false;

  constructor(private readonly text: string) {
    this.cursors = SPECIALS.map(() => -1);
    // In a CRLF capture every line ends in a CR; one regex scan of the text tells whether any
    // other CR exists, so the lines need not be searched for one each.
    if (!STRAY_CR.test(text)) this.cursors[CR] = text.length;
  }

  /** The next line, or `undefined` after the last one. */
  next(): Line | undefined {
    const text = this.text;
    const pos = this.pos;
    // An empty text is one empty line (as split('\n') says); a final newline adds no line.
    if (pos >= text.length && !(this.n === 0 && pos === 0)) return undefined;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    this.pos = end + 1;
    // The CR of a CRLF line is not part of the line.
    const stop = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const n = ++this.n;
    if (this.hash < pos) this.hash = nextOf(text, '#', pos);
    const dirty = this.dirty(pos, stop);
    this.mayBePrompt = this.hash < stop || (this.cursors[GT] as number) < stop;
    if (dirty) return { n, text: cleanDirty(text.slice(pos, stop)) };
    return { n, text: sliceTrimEnd(text, pos, stop), at: pos };
  }

  /** True when [from, to) holds a character the cleaner would act on (refreshes every cursor). */
  private dirty(from: number, to: number): boolean {
    const cursors = this.cursors;
    let dirty = false;
    for (let i = 0; i < cursors.length; i++) {
      let at = cursors[i] as number;
      if (at < from) {
        at = nextOf(this.text, SPECIALS[i] as string, from);
        cursors[i] = at;
      }
      if (at < to) dirty = true;
    }
    return dirty;
  }
}

/** text.slice(from, to).trimEnd(), without the second string when nothing is trimmed. */
function sliceTrimEnd(text: string, from: number, to: number): string {
  let end = to;
  while (end > from && text.charCodeAt(end - 1) === 32) end--;
  const last = end > from ? text.charCodeAt(end - 1) : 33;
  // Printable ASCII ends the trim; other blanks (NBSP, VT, FF, Unicode spaces) take the full rule.
  if (last > 32 && last < 127) return text.slice(from, end);
  return text.slice(from, end).trimEnd();
}
