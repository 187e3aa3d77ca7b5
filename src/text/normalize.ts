// Turns captured terminal text into clean lines, keeping each line's number in the original file
// so warnings can point at it. Handles what real captures and pasted tickets carry: CRLF, tabs,
// trailing blanks, ANSI colour, `<--- More --->` pager remnants with the backspace/space/CR
// sequences the terminal used to erase them, and the `<----` / `<<<<<<` arrows people add when
// they annotate an output. Every step is linear in the length of the line (a hostile capture
// holds lines of megabytes of `<`, blanks or CRs), and a line is read up to MAX_LINE_CHARS.

import { isBlank, trimBlanksEndAt } from './chars.ts';
import { MAX_LINE_CHARS } from './limits.ts';

/** One cleaned line and where it came from. */
export interface Line {
  /** 1-based line number in the original text. */
  n: number;
  /** Cleaned text: no CR, tabs expanded to one space, no trailing blanks, arrows removed. */
  text: string;
  /** The line's length in the file when it was longer than MAX_LINE_CHARS and cut there. */
  cut?: number;
}

const ESC = String.fromCharCode(27);
const BS = String.fromCharCode(8);
// Control sequences (CSI: colours, cursor moves) and character-set designators (`ESC ( B`).
const ANSI = new RegExp(`${ESC}(?:\\[[0-9;?]*[A-Za-z]|[()][A-Za-z0-9])`, 'g');
/** The pager prompt: `<--- More --->`, and the older `--More--`. */
const PAGER = '(?:<-+\\s*More\\s*-+>|--More--)';
// The pager prompt and the erase sequence that follows it (backspaces, spaces, CRs).
const MORE = new RegExp(`${PAGER}[${BS} \\r]*`, 'g');

/**
 * Annotation arrows (`<----`, `<--`, `<<<<<<`, `---->`, `>>>>>>` as whole tokens, each followed by
 * a blank or the end of the line) removed with the blanks before them: what
 * `s.replace(/[ \t]*(?:<-{2,}|<{3,}|-{2,}>|>{3,})(?=[ \t]|$)/g, '')` gives (property-tested),
 * read in one pass. That expression backtracks over every run of blanks or arrow characters it
 * fails on, which costs the square of the run's length.
 */
export function removeArrows(s: string): string {
  let out = '';
  // s[copied, …) is not copied to `out` yet; blanks at s[blanks, i) may go with a following arrow.
  let copied = 0;
  let blanks = -1;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isBlank(c)) {
      if (blanks < 0) blanks = i;
      i++;
      continue;
    }
    const end = arrowEnd(s, i, c);
    if (end >= 0) {
      out += s.slice(copied, blanks >= 0 ? blanks : i);
      copied = end;
      i = end;
    } else i = pastFailure(s, i, c);
    blanks = -1;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

const isBlankOrEnd = (s: string, i: number) => i >= s.length || isBlank(s.charCodeAt(i));

/** Past the run of character `c` starting at s[i]. */
function runEnd(s: string, i: number, c: number): number {
  let j = i;
  while (j < s.length && s.charCodeAt(j) === c) j++;
  return j;
}

/** Where an arrow starting at s[i] (its first character `c`) ends, or -1 when none starts there. */
function arrowEnd(s: string, i: number, c: number): number {
  if (c === 60 /* < */) {
    if (s.charCodeAt(i + 1) === 45 /* - */) {
      const end = runEnd(s, i + 1, 45);
      return end - i >= 3 && isBlankOrEnd(s, end) ? end : -1;
    }
    const end = runEnd(s, i, 60);
    return end - i >= 3 && isBlankOrEnd(s, end) ? end : -1;
  }
  if (c === 45 /* - */) {
    const end = runEnd(s, i, 45);
    return end - i >= 2 && s.charCodeAt(end) === 62 && isBlankOrEnd(s, end + 1) ? end + 1 : -1;
  }
  if (c === 62 /* > */) {
    const end = runEnd(s, i, 62);
    return end - i >= 3 && isBlankOrEnd(s, end) ? end : -1;
  }
  return -1;
}

/**
 * The next position an arrow may start at after none did at s[i]: every later position inside the
 * same run of `-` or `>` ends its run where s[i]'s did and fails alike, and inside a run of `<`
 * only the last one (`<--`) may differ.
 */
function pastFailure(s: string, i: number, c: number): number {
  if (c === 45 || c === 62) return runEnd(s, i, c);
  if (c === 60 && s.charCodeAt(i + 1) === 60) return runEnd(s, i, 60) - 1;
  return i + 1;
}

/** What a terminal shows for one line: backspaces erase, and after a CR later text overwrites. */
function applyTerminalControls(line: string): string {
  let s = line;
  if (s.includes('\b')) {
    const out: string[] = [];
    for (const ch of s) {
      if (ch === '\b') out.pop();
      else out.push(ch);
    }
    s = out.join('');
  }
  if (s.includes('\r')) {
    // CR returns to column 0: each column shows the last segment that reached it. Built from the
    // last segment back, each column is written once (overwriting segment by segment, in order,
    // costs the line's length for every CR).
    const segments = s.split('\r');
    let result = segments[segments.length - 1] as string;
    for (let k = segments.length - 2; k >= 0; k--) {
      const seg = segments[k] as string;
      if (seg.length > result.length) result += seg.slice(result.length);
    }
    s = result;
  }
  return s;
}

/** Cleans one raw line (without its newline). */
export function cleanLine(raw: string): string {
  return cleanerFor(raw)(raw);
}

/**
 * A line cleaner specialised to what the whole text holds: a capture without ANSI escapes,
 * backspaces, tabs or angle brackets skips those checks on every one of its lines.
 */
export function cleanerFor(text: string): (raw: string) => string {
  const esc = text.includes(ESC);
  const bs = text.includes(BS);
  const tab = text.includes('\t');
  const angle = text.includes('<') || text.includes('>');
  const cr = text.includes('\r');
  return (raw) => {
    // CRLF captures: drop the CR before the newline without the terminal emulation below.
    let s = cr && raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (esc && s.includes(ESC)) s = s.replace(ANSI, '');
    const hasAngle = angle && (s.includes('<') || s.includes('>'));
    // The pager prompt holds `<` or is followed by its erasure (BS, CR), so other lines skip it.
    if ((hasAngle || (bs && s.includes(BS)) || (cr && s.includes('\r'))) && s.includes('More'))
      s = s.replace(MORE, '');
    if ((bs && s.includes(BS)) || (cr && s.includes('\r'))) s = applyTerminalControls(s);
    if (tab && s.includes('\t')) s = s.replace(/\t/g, ' ');
    if (hasAngle) s = removeArrows(s);
    return s.trimEnd();
  };
}

/**
 * Splits text into cleaned, numbered lines. A line longer than MAX_LINE_CHARS (without its CRLF)
 * is cut there before it is cleaned, and carries its length in `cut`.
 */
export function normalizeLines(text: string, firstLine = 1): Line[] {
  const raw = text.split('\n');
  const clean = cleanerFor(text);
  const lines: Line[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i] ?? '';
    const length = r.charCodeAt(r.length - 1) === 13 ? r.length - 1 : r.length;
    lines[i] =
      length > MAX_LINE_CHARS
        ? { n: firstLine + i, text: clean(r.slice(0, MAX_LINE_CHARS)), cut: length }
        : { n: firstLine + i, text: clean(r) };
  }
  // A final newline leaves an empty last element that is not a line of the file.
  if (raw.length > 1 && raw[raw.length - 1] === '') lines.pop();
  return lines;
}

/** Leading spaces of a cleaned line, or of the line text[from, to). */
export function indentOf(text: string, from = 0, to = text.length): number {
  let i = from;
  while (i < to && text.charCodeAt(i) === 32) i++;
  return i - from;
}

/** A pager prompt at the very end of a screen: the device waits for a key. */
export const PAGER_AT_END = new RegExp(`${PAGER}[ \\t]*$`);

/**
 * A terminal screen as text: ANSI sequences dropped, backspaces applied, CRLF made LF and a bare CR
 * resolved the way a terminal does (the pager erases its line with `\r   \r`), what was written
 * last on a line winning. Trailing blanks are kept (a prompt ends in one); use for live sessions,
 * where the line cleaner's annotation-arrow rules do not apply.
 */
export function cleanScreen(raw: string): string {
  const noAnsi = raw.includes(ESC) ? raw.replace(ANSI, '') : raw;
  return noAnsi
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => {
      if (!line.includes(BS) && !line.includes('\r')) return line;
      // The erasure leaves blanks where the pager text was; they mean nothing.
      return applyTerminalControls(line).trimEnd();
    })
    .join('\n');
}

const PAGER_LINE = new RegExp(`^[ \\t]*${PAGER}[ \\t]*\\n`, 'gm');
const PAGER_INLINE = new RegExp(`${PAGER}[ \\t]*`, 'g');

/** Removes every pager prompt left in collected text (a line of its own goes whole). */
export function stripPager(text: string): string {
  return stripInlinePager(text.replace(PAGER_LINE, ''));
}

/**
 * What replacing every `[ \t]*PAGER[ \t]*` with nothing gives (property-tested): each pager
 * prompt goes with the blanks around it. The blanks before one are found by looking back from it,
 * as far as the previous removal: the expression would rescan a long run of blanks from each of
 * its positions.
 */
function stripInlinePager(text: string): string {
  let out = '';
  let copied = 0;
  for (const m of text.matchAll(PAGER_INLINE)) {
    out += text.slice(copied, trimBlanksEndAt(text, copied, m.index));
    copied = m.index + m[0].length;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
