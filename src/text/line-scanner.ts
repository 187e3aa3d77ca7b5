// Walks a whole capture line by line and hands out each cleaned line as a span of a string,
// without making a string or an object per line. Fleet captures are tens of megabytes and almost
// none of their lines needs the cleaner (CR, tabs, angle brackets, escapes): one cursor per
// special character remembers where that character next occurs in the text, so a line is known
// clean by comparing a few numbers, and only lines that hold one of them (an annotation arrow,
// a pager remnant, a tab, a stray CR) are cut out and go through `cleanerFor`.

import { MAX_LINE_CHARS } from './limits.ts';
import { cleanerFor } from './normalize.ts';

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
 * A cursor over the cleaned lines of a text. After each `next()` that returns true, the current
 * line is `src.slice(start, end)`, numbered `n`: exactly the `{ n, text }` that
 * `normalizeLines(text)` gives (property-tested). `src` is the text itself for a line the cleaner
 * leaves alone (trailing blanks are kept out of the span), or the cleaned line on its own.
 */
export class LineScanner {
  src = '';
  start = 0;
  end = 0;
  n = 0;
  /** True when the current line holds `#` or `>`: only such a line can be a prompt. */
  mayBePrompt = false;
  /** The current line's length in the text when it was cut to MAX_LINE_CHARS, else 0. */
  cut = 0;

  private pos = 0;
  /** Next position of each of SPECIALS, at or after `pos` (refreshed lazily when passed). */
  private readonly cursors: number[];
  /** The least of `cursors`: where the next line that needs the cleaner is. */
  private dirtyAt = -1;
  /** Next position of `#` (prompts end in `#` or `>`). */
  private hash = -1;

  constructor(private readonly text: string) {
    this.cursors = SPECIALS.map(() => -1);
    // In a CRLF capture every line ends in a CR; one regex scan of the text tells whether any
    // other CR exists, so the lines need not be searched for one each.
    if (!STRAY_CR.test(text)) this.cursors[CR] = text.length;
  }

  /** Moves to the next line; false after the last one. */
  next(): boolean {
    const text = this.text;
    const pos = this.pos;
    // An empty text is one empty line (as split('\n') says); a final newline adds no line.
    if (pos >= text.length && !(this.n === 0 && pos === 0)) return false;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    this.pos = end + 1;
    // The CR of a CRLF line is not part of the line.
    const stop = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    this.n++;
    if (this.dirtyAt < pos) this.dirtyAt = this.refresh(pos);
    if (this.hash < pos) this.hash = nextOf(text, '#', pos);
    this.mayBePrompt = this.hash < stop || (this.cursors[GT] as number) < stop;
    this.cut = 0;
    if (stop - pos > MAX_LINE_CHARS) {
      // As normalizeLines: cut first, then cleaned (the cleaner's cost stays bounded too).
      const cleaned = cleanDirty(text.slice(pos, pos + MAX_LINE_CHARS));
      this.cut = stop - pos;
      this.src = cleaned;
      this.start = 0;
      this.end = cleaned.length;
    } else if (this.dirtyAt < stop) {
      const cleaned = cleanDirty(text.slice(pos, stop));
      this.src = cleaned;
      this.start = 0;
      this.end = cleaned.length;
    } else {
      this.src = text;
      this.start = pos;
      this.end = trimEndAt(text, pos, stop);
    }
    return true;
  }

  /** Moves every cursor that `from` has passed to its next occurrence; returns the least. */
  private refresh(from: number): number {
    const cursors = this.cursors;
    let least = this.text.length;
    for (let i = 0; i < cursors.length; i++) {
      let at = cursors[i] as number;
      if (at < from) {
        at = nextOf(this.text, SPECIALS[i] as string, from);
        cursors[i] = at;
      }
      if (at < least) least = at;
    }
    return least;
  }
}

/** Where text.slice(from, to).trimEnd() ends, read in place. */
function trimEndAt(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && text.charCodeAt(end - 1) === 32) end--;
  const last = end > from ? text.charCodeAt(end - 1) : 33;
  // Printable ASCII ends the trim; other blanks (NBSP, VT, FF, Unicode spaces) take the full rule.
  if (last > 32 && last < 127) return end;
  return from + text.slice(from, end).trimEnd().length;
}
