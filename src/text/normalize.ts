// Turns captured terminal text into clean lines, keeping each line's number in the original file
// so warnings can point at it. Handles what real captures and pasted tickets carry: CRLF, tabs,
// trailing blanks, ANSI colour, `<--- More --->` pager remnants with the backspace/space/CR
// sequences the terminal used to erase them, and the `<----` / `<<<<<<` arrows people add when
// they annotate an output.

/** One cleaned line and where it came from. */
export interface Line {
  /** 1-based line number in the original text. */
  n: number;
  /** Cleaned text: no CR, tabs expanded to one space, no trailing blanks, arrows removed. */
  text: string;
}

const ESC = String.fromCharCode(27);
const BS = String.fromCharCode(8);
const SPECIAL = new RegExp(`[${ESC}${BS}\\t\\r<>]`);
const ANSI = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, 'g');
// The pager prompt and the erase sequence that follows it (backspaces, spaces, CRs).
const MORE = new RegExp(`<-+\\s*More\\s*-+>[${BS} \\r]*`, 'g');
// Annotation arrows: `<----`, `<--`, `<<<<<<`, `---->`, `>>>>>>` as whole tokens.
const ARROWS = /[ \t]*(?:<-{2,}|<{3,}|-{2,}>|>{3,})(?=[ \t]|$)/g;

/** Applies what a terminal would do with backspaces and carriage returns inside one line. */
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
    // CR returns to column 0: later segments overwrite earlier ones.
    let result = '';
    for (const seg of s.split('\r')) result = seg + result.slice(seg.length);
    s = result;
  }
  return s;
}

/** Cleans one raw line (without its newline). Fast path for the common clean line. */
export function cleanLine(raw: string): string {
  // CRLF captures: drop the CR before the newline without the terminal emulation below.
  let s = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
  // One scan decides whether anything below can apply: every case involves a control
  // character or an angle bracket (`<--- More --->`, arrows).
  if (!SPECIAL.test(s)) return s.trimEnd();
  if (s.includes(ESC)) s = s.replace(ANSI, '');
  if (s.includes('More')) s = s.replace(MORE, '');
  if (s.includes(BS) || s.includes('\r')) s = applyTerminalControls(s);
  if (s.includes('\t')) s = s.replace(/\t/g, ' ');
  if (s.includes('<') || s.includes('>')) s = s.replace(ARROWS, '');
  return s.trimEnd();
}

/** Splits text into cleaned, numbered lines. */
export function normalizeLines(text: string, firstLine = 1): Line[] {
  const raw = text.split('\n');
  const lines: Line[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) lines[i] = { n: firstLine + i, text: cleanLine(raw[i]!) };
  // A final newline leaves an empty last element that is not a line of the file.
  if (raw.length > 1 && raw[raw.length - 1] === '') lines.pop();
  return lines;
}

/** Leading spaces of a cleaned line. */
export function indentOf(text: string): number {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  return i;
}
