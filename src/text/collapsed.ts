// Rebuilds lines from outputs that were collapsed onto one line by a web page or a ticket
// ("Registration: Status: REGISTERED Smart Account: Cisco Systems, TAC Virtual Account: EU TAC …").
// We cut before every known label. One global regex with the labels longest-first means that at
// any position the longest label wins, so `Initial Registration:` is never cut into
// `Initial` + `Registration:`.

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds the label matcher for {@link splitCollapsedLine}; `rawPatterns` are regex sources tried last. */
export function labelMatcher(labels: readonly string[], rawPatterns: readonly string[] = []): RegExp {
  const alts = [...[...labels].sort((a, b) => b.length - a.length).map(escapeRegex), ...rawPatterns];
  return new RegExp(`(?<![\\w-])(?:${alts.join('|')})`, 'g');
}

/**
 * Splits one line before each label it holds beyond the first. Returns the pieces (trimmed);
 * a line with at most one label at its start comes back as `[line]`.
 */
export function splitCollapsedLine(text: string, matcher: RegExp): string[] {
  matcher.lastIndex = 0;
  const cuts: number[] = [];
  // A cut needs something before it (other than blanks): where that starts is found once, not
  // by trimming the line up to every label it holds.
  const firstText = text.length - text.trimStart().length;
  for (let m = matcher.exec(text); m !== null; m = matcher.exec(text)) {
    if (m.index > firstText) cuts.push(m.index);
    if (m[0].length === 0) matcher.lastIndex++;
  }
  if (cuts.length === 0) return [text];
  const pieces: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    pieces.push(text.slice(start, cut).trim());
    start = cut;
  }
  pieces.push(text.slice(start).trim());
  return pieces.filter((p) => p !== '');
}

/** True when `needle` occurs at least twice in `text`. */
export function occursTwice(text: string, needle: string): boolean {
  const first = text.indexOf(needle);
  return first >= 0 && text.indexOf(needle, first + needle.length) >= 0;
}
