// How much of a line the text layer reads, and how much of one a warning quotes. ASA output lines
// are short (the longest line of any real capture we hold is under 700 characters; a whole
// `show license all` collapsed onto one line by a web page is a few KB), so a line beyond
// MAX_LINE_CHARS is hostile or damaged: it is cut there, and the parse says so. Together with
// readers that are linear in the length of a line, this keeps the cost of reading a capture linear
// in its size whatever it holds.

import type { ParseWarning } from '../core/model.ts';

/** Characters of one line the readers see; the rest of a longer line is dropped with a warning. */
export const MAX_LINE_CHARS = 8192;

/** Characters of a line a warning quotes. */
export const EXCERPT_CHARS = 120;

/** `text`, or its start and an ellipsis when it is longer than `max` characters. */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The warning for line `n`, `length` characters long, cut to MAX_LINE_CHARS (`text`: its start). */
export function cutLineWarning(n: number, length: number, text: string): ParseWarning {
  return {
    line: n,
    message: `line of ${length} characters cut to ${MAX_LINE_CHARS} (ASA output lines are short)`,
    text: excerpt(text),
  };
}

/** Warnings one output keeps; past them, one last warning counts the rest. */
export const MAX_WARNINGS = 200;

// The warnings beyond MAX_WARNINGS of each list: how many, and the lines they were on.
const overflow = new WeakMap<ParseWarning[], { count: number; first: number; last: number }>();

/**
 * Adds a warning to an output's list. A damaged capture can hold a warning on every line, or
 * thousands on one collapsed line: past MAX_WARNINGS the list ends with a single warning that
 * says how many more there were and on which lines, so memory stays bounded and nothing is lost
 * silently.
 */
export function addWarning(list: ParseWarning[], w: ParseWarning): void {
  if (list.length < MAX_WARNINGS) {
    list.push(w);
    return;
  }
  let o = overflow.get(list);
  if (!o) {
    o = { count: 0, first: w.line, last: w.line };
    overflow.set(list, o);
    list.push({ line: w.line, message: '', text: '' });
  }
  o.count++;
  o.last = w.line;
  const lines = o.first === o.last ? `line ${o.first}` : `lines ${o.first}-${o.last}`;
  (list[MAX_WARNINGS] as ParseWarning).message =
    `${o.count} more warning${o.count === 1 ? '' : 's'} in this output not listed (${lines})`;
}
