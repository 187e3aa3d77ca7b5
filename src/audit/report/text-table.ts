// A boxed table for the terminal in one pass over its cells: what cli-table3 draws for the audit's
// rows (its default box characters, one space of padding, no rule between rows), at a cost linear
// in the number of cells. cli-table3 checks every cell against every other for spans: 1,000
// devices took a second to lay out, 4,000 took five, a fleet of 14,000 minutes.

import { stripVTControlCharacters } from 'node:util';

/** Columns a character takes on a terminal: 0 (combining, zero-width), 2 (East Asian wide), else 1. */
function charWidth(cp: number): number {
  if (
    (cp >= 0x300 && cp <= 0x36f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xfe20 && cp <= 0xfe2f)
  )
    return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** Columns `text` takes on a terminal (its colour codes take none). */
export function displayWidth(text: string): number {
  const plain = text.includes('\x1b') ? stripVTControlCharacters(text) : text;
  let width = 0;
  for (let i = 0; i < plain.length; i++) {
    const c = plain.charCodeAt(i);
    if (c < 0x300) {
      width++;
      continue;
    }
    const cp = plain.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    width += charWidth(cp);
  }
  return width;
}

/** The table: head, then the rows, boxed; every cell one line (callers keep them so). */
export function boxTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map(displayWidth);
  const cellWidths = rows.map((row) =>
    row.map((cell, i) => {
      const w = displayWidth(cell);
      if (w > (widths[i] ?? 0)) widths[i] = w;
      return w;
    }),
  );
  const rule = (left: string, mid: string, right: string) =>
    `${left}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${right}`;
  const line = (cells: readonly string[], own: readonly number[]) =>
    `│${widths.map((w, i) => ` ${cells[i] ?? ''}${' '.repeat(w - (own[i] ?? 0))} `).join('│')}│`;
  const out = [rule('┌', '┬', '┐'), line(head, head.map(displayWidth))];
  rows.forEach((row, r) => {
    out.push(line(row, cellWidths[r] as number[]));
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
