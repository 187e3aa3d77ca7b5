// The ASA command grammar as a tree of keywords and arguments, and the three things the CLI does
// with it: match a typed line (unique-prefix abbreviations, `sh lic all`), explain a mistake with
// the caret under the offending column, and answer `?` in the ASA's help format. Pure: handlers
// are opaque values here; the shell runs them.

import { ambiguousCommand, INCOMPLETE_COMMAND, INVALID_INPUT } from '../text/cli-errors.ts';

/** An argument slot, e.g. `WORD` or `<1-65535>`. `rest` swallows the remainder of the line. */
export interface ArgSpec {
  name: string;
  help: string;
  pattern?: RegExp;
  /** A number argument's range (`<1-65535>`): a number outside it is refused where it stands. */
  range?: readonly [min: number, max: number];
  rest?: boolean;
}

export interface CommandNode<H> {
  /** Keyword (lower case); absent for an argument node. */
  word?: string;
  /**
   * The shortest prefix of `word` the ASA accepts, when a shorter one is ambiguous on a real ASA
   * for commands this emulator does not have (`sh l`: license, logging, local-host, …).
   */
  min?: number;
  arg?: ArgSpec;
  help: string;
  children?: CommandNode<H>[];
  /** Runnable when the line ends here. */
  run?: H;
  /** Runnable here only in the `no` form (e.g. `no transport proxy` without its arguments). */
  negatedOnly?: boolean;
}

export interface ParsedLine<H> {
  handler: H;
  /** Keywords as matched (full spelling) and argument values by name. */
  words: string[];
  args: Record<string, string>;
  negated: boolean;
}

export type MatchResult<H> =
  | { ok: true; line: ParsedLine<H> }
  | { ok: false; kind: 'invalid'; column: number }
  | { ok: false; kind: 'ambiguous'; text: string }
  | { ok: false; kind: 'incomplete' };

interface Token {
  text: string;
  start: number;
}

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  for (const m of line.matchAll(/\S+/g)) tokens.push({ text: m[0], start: m.index ?? 0 });
  return tokens;
}

function argMatches(arg: ArgSpec, text: string): boolean {
  if (arg.pattern && !arg.pattern.test(text)) return false;
  if (!arg.range) return true;
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return n >= arg.range[0] && n <= arg.range[1];
}

/**
 * Children a token can mean: an exact keyword wins, then unique prefixes, then arguments. A prefix
 * shorter than a keyword's minimum is ambiguous on the ASA: it comes back twice so that it is.
 */
function candidates<H>(children: CommandNode<H>[], text: string): CommandNode<H>[] {
  const lower = text.toLowerCase();
  const exact = children.filter((c) => c.word === lower);
  if (exact.length > 0) return exact;
  const prefixed = children.filter((c) => c.word?.startsWith(lower));
  const tooShort = prefixed.find((c) => c.min !== undefined && lower.length < c.min);
  if (tooShort) return [tooShort, ...prefixed];
  if (prefixed.length > 0) return prefixed;
  return children.filter((c) => c.arg && argMatches(c.arg, text));
}

/**
 * Match a typed line against the roots of the current mode. A leading `no` (when `noRoots` is given)
 * selects the negated grammar.
 */
export function matchLine<H>(
  roots: CommandNode<H>[],
  line: string,
  noRoots?: CommandNode<H>[],
): MatchResult<H> {
  let tokens = tokenize(line);
  let level = roots;
  let negated = false;
  const first = tokens[0];
  if (noRoots && first && 'no'.startsWith(first.text.toLowerCase()) && first.text.length >= 2) {
    negated = true;
    level = noRoots;
    tokens = tokens.slice(1);
    if (tokens.length === 0) return { ok: false, kind: 'incomplete' };
  }
  const words: string[] = [];
  const args: Record<string, string> = {};
  let node: CommandNode<H> | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const found = candidates(level, token.text);
    if (found.length === 0) return { ok: false, kind: 'invalid', column: token.start };
    if (found.length > 1)
      return { ok: false, kind: 'ambiguous', text: line.slice(0, token.start + token.text.length) };
    node = found[0] as CommandNode<H>;
    if (node.word) words.push(node.word);
    else if (node.arg?.rest) {
      args[node.arg.name] = line.slice(token.start).trimEnd();
      break;
    } else if (node.arg) args[node.arg.name] = token.text;
    level = node.children ?? [];
    if (level.length === 0 && i < tokens.length - 1) {
      const next = tokens[i + 1] as Token;
      return { ok: false, kind: 'invalid', column: next.start };
    }
  }
  if (!node?.run || (node.negatedOnly && !negated)) return { ok: false, kind: 'incomplete' };
  return { ok: true, line: { handler: node.run, words, args, negated } };
}

/** The ASA's answer to a line it cannot use; `promptWidth` puts the caret under the right column. */
export function describeMismatch(
  result: Exclude<MatchResult<unknown>, { ok: true }>,
  promptWidth: number,
): string[] {
  switch (result.kind) {
    case 'invalid':
      return [`${' '.repeat(promptWidth + result.column)}^`, INVALID_INPUT];
    case 'ambiguous':
      return [ambiguousCommand(result.text)];
    case 'incomplete':
      return [INCOMPLETE_COMMAND];
  }
}

function helpRows<H>(nodes: CommandNode<H>[]): [string, string][] {
  return nodes.map((n) => [n.word ?? n.arg?.name ?? '', n.help]);
}

function formatRows(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, h]) => `  ${k.padEnd(width)}  ${h}`.trimEnd());
}

/** The ASA's help screen: a blank line, `<mode> mode commands/options:`, the aligned rows. */
export function helpScreen(modeName: string, rows: [string, string][]): string[] {
  if (rows.length === 0) return ['ERROR: % Unrecognized command'];
  return ['', `${modeName} mode commands/options:`, ...formatRows(rows)];
}

/**
 * `?` help for a partial line, as the ASA prints it: a blank line, `<mode> mode commands/options:`,
 * then two-space indented keywords padded to a column, `<cr>` when the line is already complete.
 */
export function helpFor<H>(
  roots: CommandNode<H>[],
  partial: string,
  modeName: string,
  promptWidth: number,
  noRoots?: CommandNode<H>[],
  /** Rows a complete line offers besides `<cr>` (the output modifier `|` after a show command). */
  whenComplete: [string, string][] = [],
): string[] {
  const endsWithSpace = partial.length === 0 || /\s$/.test(partial);
  const tokens = tokenize(partial);
  const complete = endsWithSpace ? tokens : tokens.slice(0, -1);
  const prefix = endsWithSpace ? '' : (tokens.at(-1)?.text ?? '');
  let level = roots;
  let node: CommandNode<H> | undefined;
  let negated = false;
  for (const [i, token] of complete.entries()) {
    if (i === 0 && noRoots && token.text.toLowerCase() === 'no') {
      level = noRoots;
      negated = true;
      continue;
    }
    const found = candidates(level, token.text);
    if (found.length !== 1)
      return describeMismatch({ ok: false, kind: 'invalid', column: token.start }, promptWidth);
    node = found[0] as CommandNode<H>;
    if (node.arg?.rest) return ['<cr>'];
    level = node.children ?? [];
  }
  let shown = level.filter((n) => (n.word ? n.word.startsWith(prefix.toLowerCase()) : prefix === ''));
  if (!endsWithSpace) shown = shown.filter((n) => n.word);
  const rows = helpRows(shown);
  const runnable = node?.run && (!node.negatedOnly || negated);
  if (endsWithSpace && runnable && complete.length > 0) rows.push(...whenComplete, ['<cr>', '']);
  return helpScreen(modeName, rows);
}

/** What Tab does to a partial line: finish the word, or show the words it could be. */
export type Completion =
  | { kind: 'append'; text: string }
  | { kind: 'list'; words: string[] }
  | { kind: 'none' };

/**
 * Tab on a partial line, as on an ASA: a keyword prefix that only one keyword has is finished (and a
 * space added); a prefix several keywords share lists them. Arguments are never completed; a prefix shorter than a
 * keyword's minimum is ambiguous on a real ASA (commands we do not have), so it completes nothing.
 */
export function completeLine<H>(
  roots: CommandNode<H>[],
  partial: string,
  noRoots?: CommandNode<H>[],
): Completion {
  if (partial === '' || /\s$/.test(partial)) return { kind: 'none' };
  const tokens = tokenize(partial);
  const last = tokens.at(-1) as Token;
  let level = roots;
  for (const [i, token] of tokens.slice(0, -1).entries()) {
    if (i === 0 && noRoots && token.text.toLowerCase() === 'no') {
      level = noRoots;
      continue;
    }
    const found = candidates(level, token.text);
    if (found.length !== 1) return { kind: 'none' };
    const node = found[0] as CommandNode<H>;
    if (node.arg?.rest) return { kind: 'none' };
    level = node.children ?? [];
  }
  const prefix = last.text.toLowerCase();
  const words = level
    .filter((n) => n.word?.startsWith(prefix))
    .map((n) => n as CommandNode<H> & { word: string });
  if (tokens.length === 1 && noRoots && 'no'.startsWith(prefix) && !words.some((w) => w.word === 'no'))
    words.push({ word: 'no', help: '' } as CommandNode<H> & { word: string });
  if (words.length === 0 || words.some((n) => n.min !== undefined && prefix.length < n.min))
    return { kind: 'none' };
  if (words.length === 1)
    return { kind: 'append', text: `${(words[0] as { word: string }).word.slice(prefix.length)} ` };
  const names = words.map((n) => n.word).sort();
  return { kind: 'list', words: names };
}
