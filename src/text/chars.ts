// Character classes the readers test one character code at a time (charCodeAt), with no
// substring or regular expression.

/** True when `c` is an ASCII letter. */
export const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** True when `c` is a space or a tab. */
export const isBlank = (c: number) => c === 32 || c === 9;

/** True when `c` is white space as String.prototype.trim() and regex `\s` see it. */
export function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 5760 ||
    (c >= 8192 && c <= 8202) ||
    c === 8232 ||
    c === 8233 ||
    c === 8239 ||
    c === 8287 ||
    c === 12288 ||
    c === 65279
  );
}

/** True when `c` ends a line as regex `.` and `$` see it (`.` does not match it). */
export const isLineTerminator = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** Where src.slice(start, end).trimStart() starts, read in place. */
export function trimStartAt(src: string, start: number, end: number): number {
  let i = start;
  while (i < end && isSpace(src.charCodeAt(i))) i++;
  return i;
}

/**
 * Where src.slice(start, end) ends without its trailing spaces and tabs, read in place (a
 * `/[ \t]+$/` would rescan a long run of blanks that is not at the end from each of its positions).
 */
export function trimBlanksEndAt(src: string, start: number, end: number): number {
  let i = end;
  while (i > start && isBlank(src.charCodeAt(i - 1))) i--;
  return i;
}

/** True when `c` is an ASCII digit. */
export const isDigit = (c: number) => c >= 48 && c <= 57;
