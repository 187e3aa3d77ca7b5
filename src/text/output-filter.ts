// The ASA's output filters: `show … | include|exclude|begin|grep [-v] REGEX` (CLI guide,
// "Filtering show Command Output"). One place for their words and what each lets through: the
// emulator applies them, the text layer recognises them in captures (commands.ts).
//
//   include, grep     the lines that match        exclude, grep -v   the lines that do not
//   begin             from the first line that matches to the end
//
// The regular expression is everything after the filter word and the blanks that follow it,
// trailing blanks included (the guide: "Be careful with trailing white space, which will be taken
// as part of the regular expression"); it may hold `|` itself (`| include interface|nameif`).

import { type AsaRegex, AsaRegexError, compileAsaRegex } from './asa-regex.ts';

/** The filter words; each abbreviates to any prefix (their first letters differ: `| i`, `| ex`). */
export const FILTER_WORDS = ['begin', 'exclude', 'grep', 'include'] as const;
export type FilterWord = (typeof FILTER_WORDS)[number];

/** `?` after `|`. [our wording: the ASA's help texts for these are not in our sources] */
export const FILTER_HELP: Readonly<Record<FilterWord, string>> = {
  begin: 'Begin with the line that matches',
  exclude: 'Exclude lines that match',
  grep: 'Include/exclude lines that match',
  include: 'Include lines that match',
};

/** An output filter typed after the command: the output holds only what it let through. */
export interface OutputFilter {
  /** `include`, `exclude`, `begin`, `grep`, or the word as typed when it is none of them. */
  type: string;
  /** `grep -v`: the lines that match are the ones left out. */
  invert: boolean;
  pattern: string;
}

/** The filter word a typed word abbreviates, if any. */
export function filterWord(typed: string): FilterWord | undefined {
  const t = typed.toLowerCase();
  return t === '' ? undefined : FILTER_WORDS.find((f) => f.startsWith(t));
}

/**
 * Reads the text after `|` as a capture holds it (pattern trimmed; an unknown word is kept as
 * typed, so a saved output of another filter is still marked filtered).
 */
export function parseFilter(text: string): OutputFilter {
  const m = /^\s*(\S*)\s*(.*)$/s.exec(text) as RegExpExecArray;
  const typed = (m[1] ?? '').toLowerCase();
  let pattern = (m[2] ?? '').trim();
  const type = filterWord(typed) ?? typed;
  const invert = type === 'grep' && /^-v(\s|$)/.test(pattern);
  if (invert) pattern = pattern.slice(2).trim();
  return { type, invert, pattern };
}

/** A typed filter the ASA refuses: `column` is the offset in the text after `|` to put the caret at. */
export type FilterRefusal = { kind: 'invalid'; column: number } | { kind: 'incomplete' };

/** A filter ready to run: its lines-in, lines-out step keeps `begin`'s state across calls. */
export interface LiveFilter {
  filter: OutputFilter;
  regex: AsaRegex;
}

/**
 * Reads the text after `|` as the ASA does when a command is typed: a filter word (any prefix),
 * `-v` after grep, then the regular expression verbatim up to the end of the line.
 */
export function readTypedFilter(
  text: string,
): { ok: true; live: LiveFilter } | ({ ok: false } & FilterRefusal) {
  const word = /^(\s*)(\S*)(\s*)/.exec(text) as RegExpExecArray;
  const [, lead = '', typed = '', gap = ''] = word;
  if (typed === '') return { ok: false, kind: 'incomplete' };
  const type = filterWord(typed);
  if (!type) return { ok: false, kind: 'invalid', column: lead.length };
  let at = lead.length + typed.length + gap.length;
  let invert = false;
  if (type === 'grep' && /^-v(\s|$)/.test(text.slice(at))) {
    invert = true;
    at += 2;
    while (/\s/.test(text[at] ?? '')) at++;
  }
  const pattern = text.slice(at);
  if (pattern === '' || gap === '') return { ok: false, kind: 'incomplete' };
  try {
    return { ok: true, live: { filter: { type, invert, pattern }, regex: compileAsaRegex(pattern) } };
  } catch (error) {
    if (error instanceof AsaRegexError) return { ok: false, kind: 'invalid', column: at + error.offset };
    throw error;
  }
}

/** A stateful line filter: feed it an output's lines in order (across several prints). */
export function lineFilter(live: LiveFilter): (lines: string[]) => string[] {
  const { filter, regex } = live;
  let begun = false;
  return (lines) => {
    switch (filter.type) {
      case 'begin':
        return lines.filter((l) => {
          begun ||= regex.test(l);
          return begun;
        });
      case 'exclude':
        return lines.filter((l) => !regex.test(l));
      default: // include, grep [-v]
        return lines.filter((l) => regex.test(l) !== filter.invert);
    }
  };
}
