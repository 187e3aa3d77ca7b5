// What every command parser of the text layer is: a reader fed one cleaned line at a time, as a
// span of a string, that hands back the command's data and warnings at the end. Lines come as
// (src, start, end, n) rather than as strings so that a whole capture can be parsed straight from
// the file's text (see capture.ts): a fleet capture has millions of lines, and making a string and
// an object for each one cost more than parsing them.

import type { ParseWarning } from '../core/model.ts';
import { addWarning, cutLineWarning } from './limits.ts';
import type { Line } from './normalize.ts';

export interface ParseResult<T> {
  data: T;
  warnings: ParseWarning[];
}

/** Takes the lines of one output, one at a time. */
export interface LineReader {
  /** One cleaned line: `src.slice(start, end)`, line `n` of its file (see normalize.ts). */
  line(src: string, start: number, end: number, n: number): void;
}

export interface OutputParser<T> extends LineReader {
  /** The data read so far; `warnings` is the parser's own list, which callers may add to. */
  result(): ParseResult<T>;
}

/** Feeds lines given as strings to a parser; lines that were cut add a warning each. */
export function parseLines<T>(parser: OutputParser<T>, lines: Line[]): ParseResult<T> {
  // The parser's own list (result() hands it out): a cut line's warning goes where the line is.
  const warnings = parser.result().warnings;
  for (const l of lines) {
    parser.line(l.text, 0, l.text.length, l.n);
    if (l.cut) addWarning(warnings, cutLineWarning(l.n, l.cut, l.text));
  }
  return parser.result();
}

/**
 * Index of the first `needle` that lies wholly inside src[from, end), or -1. A plain loop rather
 * than indexOf: `src` is often a whole capture, where indexOf would run on past the line's end to
 * the needle's next occurrence anywhere in the file.
 */
export function indexIn(src: string, needle: string, from: number, end: number): number {
  const c = needle.charCodeAt(0);
  const last = end - needle.length;
  for (let i = from; i <= last; i++)
    if (src.charCodeAt(i) === c && (needle.length === 1 || src.startsWith(needle, i))) return i;
  return -1;
}

/**
 * {@link indexIn} for one needle, remembering where that needle next occurs. Parsing a capture
 * asks about line after line of the same string, in order: each character of it is then searched
 * once (by indexOf, much faster than a loop over the characters), however many lines ask. A query
 * out of that order just searches afresh.
 */
export class Finder {
  private src = '';
  /** No needle starts in src[from, at); `at` is src.length when there is none from `from` on. */
  private from = 0;
  private at = 0;

  constructor(private readonly needle: string) {}

  /** Index of the first needle wholly inside src[from, end), or -1. */
  in(src: string, from: number, end: number): number {
    if (from < this.from || this.at < from || src !== this.src) {
      const at = src.indexOf(this.needle, from);
      this.src = src;
      this.at = at < 0 ? src.length : at;
    }
    this.from = from;
    return this.at + this.needle.length <= end ? this.at : -1;
  }
}

/** Finds colons: the `Label: value` separator of every output, searched on most lines. */
export const COLONS = new Finder(':');

/** Index of the first `: ` in src[from, end), or -1. */
export function colonSpaceIn(src: string, from: number, end: number): number {
  for (let at = COLONS.in(src, from, end - 1); at >= 0; at = COLONS.in(src, at + 1, end - 1))
    if (src.charCodeAt(at + 1) === 32) return at;
  return -1;
}
