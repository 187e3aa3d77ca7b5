// A typed line that may end in an output filter: `show running-config | include transport`. The
// ASA takes a filter after any show command (CLI guide, "Filtering show Command Output"), in every
// mode that runs show; the filter words, their regular expressions and what they let through are
// the text layer's (src/text/output-filter.ts). A line whose command is not a show command is
// matched whole, so `|` stays an ordinary character in arguments (a banner's text).

import { FILTER_HELP, FILTER_WORDS, type LiveFilter, readTypedFilter } from '../text/index.ts';
import { type CommandNode, helpFor, helpScreen, type MatchResult, matchLine } from './command-tree.ts';

export type FilteredMatch<H> = MatchResult<H> & { filter?: LiveFilter };

/** The words of a matched line that take a filter: show commands. */
const takesFilter = (words: string[]) => words[0] === 'show';

/** Matches `line`; a show command followed by `|` brings its filter (or the filter's refusal). */
export function matchFiltered<H>(
  roots: CommandNode<H>[],
  line: string,
  noRoots?: CommandNode<H>[],
): FilteredMatch<H> {
  const pipe = line.indexOf('|');
  if (pipe >= 0) {
    const body = matchLine(roots, line.slice(0, pipe), noRoots);
    if (body.ok && takesFilter(body.line.words) && !body.line.negated) {
      const typed = readTypedFilter(line.slice(pipe + 1));
      if (!typed.ok)
        return typed.kind === 'invalid'
          ? { ok: false, kind: 'invalid', column: pipe + 1 + typed.column }
          : { ok: false, kind: 'incomplete' };
      return { ...body, filter: typed.live };
    }
  }
  return matchLine(roots, line, noRoots);
}

/** `?` on a line: after `show … |` the filter words, else the command tree's help. */
export function helpFiltered<H>(
  roots: CommandNode<H>[],
  partial: string,
  modeName: string,
  promptWidth: number,
  noRoots?: CommandNode<H>[],
): string[] {
  const pipe = partial.indexOf('|');
  const body = matchLine(roots, pipe < 0 ? partial : partial.slice(0, pipe), noRoots);
  const filterable = body.ok && takesFilter(body.line.words);
  // After a complete show command, `|` is one of the options (before `<cr>`).
  if (pipe < 0 || !filterable)
    return helpFor(
      roots,
      partial,
      modeName,
      promptWidth,
      noRoots,
      filterable ? [['|', 'Output modifiers']] : [],
    );
  const typed = partial.slice(pipe + 1).trimStart();
  if (typed !== '' && /\s/.test(typed)) return helpScreen(modeName, [['LINE', 'Regular Expression']]);
  const shown = FILTER_WORDS.filter((w) => w.startsWith(typed.toLowerCase()));
  return helpScreen(
    modeName,
    shown.map((w) => [w, FILTER_HELP[w]]),
  );
}
