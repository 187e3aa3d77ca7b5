// Escaping device text (hostnames, platforms, file names, failure reasons: untrusted input) for
// the views that show it. A hostile device or capture may carry terminal escape sequences (OSC 0
// sets the window title, OSC 52 writes the clipboard, CSI moves the cursor to overwrite what was
// printed) or markup: no view passes them on.

// Escape sequences (ECMA-48), each removed whole: CSI (`ESC [` or C1 CSI, parameters,
// intermediates, a final byte), the string commands OSC, DCS, SOS, PM and APC up to their BEL or
// ST terminator (or the end of the text when unterminated), and any other `ESC` sequence.
// Each alternative starts at ESC or a C1 introducer and its parts match disjoint characters: one
// pass, no backtracking.
const SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
  /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
// What is left of C0 and C1 (and DEL), and the bidirectional overrides that reorder what a
// terminal or browser shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Device text for a terminal (tables, fix lines, history, warnings): escape sequences and other
 * control characters removed, a tab or line break made one space (one value stays on its line).
 */
export function terminalText(text: unknown): string {
  const s = String(text ?? '');
  if (!CONTROL.test(s)) return s;
  return s
    .replace(SEQUENCE, '')
    .replace(/[\t\n\r]/g, ' ')
    .replace(CONTROLS, '');
}

/** Every string in `value` (plain data: strings, arrays, objects) passed through `f`; the shape is kept. */
export function mapStrings<T>(value: T, f: (text: string) => string): T {
  if (typeof value === 'string') return f(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f);
    return out as T;
  }
  return value;
}

/** Every string in `value` (a report, a row) passed through terminalText; the shape is kept. */
export function terminalSafe<T>(value: T): T {
  return mapStrings(value, terminalText);
}

/**
 * HTML-escape text for element content and double- or single-quoted attributes. Control
 * characters (not allowed in HTML text) and escape sequences are removed first.
 */
export function esc(text: unknown): string {
  return terminalText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * One HTML id per device of a report, in its order, that no other device shares: `dev-` and the
 * name with every character outside `[A-Za-z0-9-]` written as `_hex_` (so `fw 1` and `fw_1`
 * differ), and `.2`, `.3`, … when the report holds the name again (`.` never comes out of the
 * encoding).
 */
export function deviceIds(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    let id = 'dev-';
    for (const ch of name) id += /[A-Za-z0-9-]/.test(ch) ? ch : `_${(ch.codePointAt(0) ?? 0).toString(16)}_`;
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}.${n}`;
  });
}

// JSON.stringify escapes C0 but writes C1, DEL, the line separators and the bidirectional
// overrides as they are: a report printed to a terminal would pass them on.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON.stringify(value, null, space), with every character a terminal could act on written as a
 * `\u` escape (they only occur inside strings, where the escape means the same character).
 */
export function jsonText(value: unknown, space = 2): string {
  return JSON.stringify(value, null, space).replace(
    JSON_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
