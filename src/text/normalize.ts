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
// Control sequences (CSI: colours, cursor moves) and character-set designators (`ESC ( B`).
const ANSI = new RegExp(`${ESC}(?:\\[[0-9;?]*[A-Za-z]|[()][A-Za-z0-9])`, 'g');
/** The pager prompt: `<--- More --->`, and the older `--More--`. */
const PAGER = '(?:<-+\\s*More\\s*-+>|--More--)';
// The pager prompt and the erase sequence that follows it (backspaces, spaces, CRs).
const MORE = new RegExp(`${PAGER}[${BS} \\r]*`, 'g');
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
    if (hasAngle) s = s.replace(ARROWS, '');
    return s.trimEnd();
  };
}

/** Splits text into cleaned, numbered lines. */
export function normalizeLines(text: string, firstLine = 1): Line[] {
  const raw = text.split('\n');
  const clean = cleanerFor(text);
  const lines: Line[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) lines[i] = { n: firstLine + i, text: clean(raw[i] ?? '') };
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

/** Removes every pager prompt left in collected text (a line of its own goes whole). */
export function stripPager(text: string): string {
  return text
    .replace(new RegExp(`^[ \\t]*${PAGER}[ \\t]*\\n`, 'gm'), '')
    .replace(new RegExp(`[ \\t]*${PAGER}[ \\t]*`, 'g'), '');
}
