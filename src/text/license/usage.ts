// The entries under `License Usage`: a `show license all` entry heading, `Name (tag):`, and a
// `show license summary` table row, `Name (tag)  count  status`. Read by hand in one pass: the
// regular expressions they stand for (`^(.*?)\s*\(([^()\s]+)\):$` and
// `^(.*?)\s*\(([^()\s]+)\)\s+(\d+)\s+(\S.*)$`, property-tested against them) let the lazy name
// rescan the blanks before every character, which costs the square of a long line.

import type { UsageEntry } from '../../core/model.ts';
import { isDigit, isLineTerminator, isSpace } from '../chars.ts';

const isTagChar = (c: number) => c !== 40 && c !== 41 && !isSpace(c);

/**
 * The name before the `(` at `paren`, blanks before the parenthesis dropped; undefined when it
 * holds a line terminator (`.` does not match one, so neither does the name).
 */
function nameBefore(t: string, paren: number): string | undefined {
  let end = paren;
  while (end > 0 && isSpace(t.charCodeAt(end - 1))) end--;
  for (let i = 0; i < end; i++) if (isLineTerminator(t.charCodeAt(i))) return undefined;
  return t.slice(0, end);
}

/** `Firepower 2100 ASA Standard (FPR2100-ASA-Std):` -> name and tag; undefined for any other line. */
export function usageHeader(t: string): { name: string; tag: string } | undefined {
  const last = t.length - 2;
  if (last < 2 || t.charCodeAt(last) !== 41 || t.charCodeAt(last + 1) !== 58) return undefined;
  let tagStart = last;
  while (tagStart > 0 && isTagChar(t.charCodeAt(tagStart - 1))) tagStart--;
  if (tagStart === last || tagStart === 0 || t.charCodeAt(tagStart - 1) !== 40) return undefined;
  const name = nameBefore(t, tagStart - 1);
  return name === undefined ? undefined : { name, tag: t.slice(tagStart, last) };
}

/** `ASAv30 Standard (ASAv30-STD)  1  AUTHORIZED` -> the entry; undefined for any other line. */
export function usageRow(t: string): UsageEntry | undefined {
  const len = t.length;
  // The status runs to the end of the line and may not hold a line terminator.
  let lastTerminator = -1;
  for (let i = len - 1; i >= 0; i--)
    if (isLineTerminator(t.charCodeAt(i))) {
      lastTerminator = i;
      break;
    }
  // The first `(` after which the rest reads as `tag) count status` wins (the lazy name). The
  // stretches read after different parentheses do not overlap: the whole search is one pass.
  for (let paren = t.indexOf('('); paren >= 0; paren = t.indexOf('(', paren + 1)) {
    let i = paren + 1;
    while (i < len && isTagChar(t.charCodeAt(i))) i++;
    if (i === paren + 1 || t.charCodeAt(i) !== 41) continue;
    const tagEnd = i++;
    const blanks1 = i;
    while (i < len && isSpace(t.charCodeAt(i))) i++;
    if (i === blanks1) continue;
    const digits = i;
    while (i < len && isDigit(t.charCodeAt(i))) i++;
    if (i === digits) continue;
    const digitsEnd = i;
    while (i < len && isSpace(t.charCodeAt(i))) i++;
    if (i === digitsEnd || i >= len || lastTerminator >= i) continue;
    // A name that cannot be read here cannot be read before any later parenthesis either.
    const name = nameBefore(t, paren);
    if (name === undefined) return undefined;
    return {
      name,
      tag: t.slice(paren + 1, tagEnd),
      count: Number(t.slice(digits, digitsEnd)),
      status: t.slice(i),
    };
  }
  return undefined;
}
