// The commands smartlic types or reads, as one table of data: their full names, how the ASA lets
// them be abbreviated, and which reader their output needs. `resolveCommand` tells what a typed
// line is (`sh lic all`, `sho ver | i Serial`); `startMarker`/`commandForContent` tell which
// command a bare output (no prompt) came from.

import { COMMAND_NAMES, type CommandName } from '../core/model.ts';
import { type OutputFilter, parseFilter } from './output-filter.ts';

export type { OutputFilter };

/** The readers of the text layer a command's output goes to. */
export type OutputFamily = 'license' | 'version' | 'features' | 'config';

/** What reads a command's output: a licensing parser's family, the clock reader, or nothing. */
export type OutputReader = OutputFamily | 'clock';

// Each command as typed, in ntc-templates' notation: a word's required prefix, then `[[the rest]]`
// that may be left off (`sh[[ow]] lic[[ense]]` accepts `sh lic`, `show lice`, …); `<name>` is an
// argument. The required prefixes of show, license and version are ntc-templates' own; the others
// are the shortest prefixes we know to be unambiguous on ASA 9.x [assumed: not confirmed on a
// device]; a shorter prefix is ambiguous on the ASA, so it names no command here.
const TABLE = [
  ['show version', 'sh[[ow]] ver[[sion]]', 'version'],
  // `show license` alone: users save its output (`fw1# sh lic`), read as the full status. Which
  // output the ASA prints for it is not confirmed in our sources (the emulator refuses it as
  // incomplete).
  ['show license all', 'sh[[ow]] lic[[ense]]', 'license'],
  ['show license all', 'sh[[ow]] lic[[ense]] a[[ll]]', 'license'],
  ['show license status', 'sh[[ow]] lic[[ense]] st[[atus]]', 'license'],
  ['show license summary', 'sh[[ow]] lic[[ense]] su[[mmary]]', 'license'],
  ['show license features', 'sh[[ow]] lic[[ense]] f[[eatures]]', 'features'],
  ['show running-config', 'sh[[ow]] run[[ning-config]]', 'config'],
  // `all` adds the defaults; it is still the whole configuration.
  ['show running-config', 'sh[[ow]] run[[ning-config]] a[[ll]]', 'config'],
  ['show running-config license', 'sh[[ow]] run[[ning-config]] lic[[ense]]', 'config'],
  ['show running-config call-home', 'sh[[ow]] run[[ning-config]] call[[-home]]', 'config'],
  ['show clock', 'sh[[ow]] clo[[ck]]', 'clock'],
  ['show context', 'sh[[ow]] conte[[xt]]', undefined],
  ['show failover', 'sh[[ow]] fail[[over]]', undefined],
  ['show curpriv', 'sh[[ow]] cur[[priv]]', undefined],
  ['terminal pager', 'ter[[minal]] pag[[er]] <lines>', undefined],
  ['changeto system', 'changet[[o]] sys[[tem]]', undefined],
  ['changeto context', 'changet[[o]] cont[[ext]] <name>', undefined],
  // What `smartlic fix` types to change the transport, renew and save, always in full.
  ['configure terminal', 'configure terminal', undefined],
  ['end', 'end', undefined],
  ['license smart renew auth', 'license smart renew auth', undefined],
  ['license smart renew id', 'license smart renew id', undefined],
  ['write memory', 'write memory', undefined],
] as const satisfies readonly (readonly [string, string, OutputReader | undefined])[];

/** Every command the table knows, by its full name. */
export type KnownCommand = (typeof TABLE)[number][0];

/** A command word and the shortest prefix of it the ASA accepts. */
export interface CommandWord {
  word: string;
  min: number;
}

/** `sh[[ow]]` -> { word: 'show', min: 2 }. */
function wordOf(spec: string): CommandWord {
  const open = spec.indexOf('[[');
  if (open < 0) return { word: spec, min: spec.length };
  return { word: spec.slice(0, open) + spec.slice(open + 2, spec.indexOf(']]')), min: open };
}

interface Node {
  word?: CommandWord;
  /** An argument slot (`<name>`) rather than a keyword. */
  arg?: string;
  /** The command a line ending here is. */
  name?: KnownCommand;
  reader?: OutputReader;
  children: Node[];
}

const ROOT: Node = { children: [] };
/** Every keyword of the table by its full spelling: the emulator builds its show commands from these. */
export const COMMAND_WORDS: Readonly<Record<string, CommandWord>> = {};
const READERS = new Map<string, OutputReader | undefined>();
for (const [name, typed, reader] of TABLE) {
  let node = ROOT;
  for (const spec of typed.split(' ')) {
    const arg = spec.startsWith('<') ? spec.slice(1, -1) : undefined;
    const word = arg ? undefined : wordOf(spec);
    let child = node.children.find((c) => (arg ? c.arg === arg : c.word?.word === word?.word));
    if (!child) {
      child = { ...(word ? { word } : { arg }), children: [] } as Node;
      node.children.push(child);
      if (word) (COMMAND_WORDS as Record<string, CommandWord>)[word.word] ??= word;
    }
    node = child;
  }
  node.name = name;
  node.reader = reader;
  READERS.set(name, reader);
}

/** True when `typed` (any case) is the word or a prefix of it at least `min` long. */
export function matchesWord(typed: string, w: CommandWord): boolean {
  return typed.length >= w.min && typed.length <= w.word.length && w.word.startsWith(typed.toLowerCase());
}

/** What reads the output of a command named in full (`show clock` -> `clock`), if anything. */
export function readerOf(name: string): OutputReader | undefined {
  return READERS.get(name);
}

/**
 * The full name and reader of a collected output's command, typed in full (`show clock`) or
 * abbreviated and filtered (`sh ver | i Serial`); undefined when the table does not know it.
 */
export function commandOfTyped(
  typed: string,
): { name: KnownCommand; reader: OutputReader | undefined } | undefined {
  // A name in full, as the collector records most outputs, needs no walk through the table.
  const name = readerOf(typed) !== undefined ? (typed as KnownCommand) : resolveCommand(typed).name;
  return name === undefined ? undefined : { name, reader: readerOf(name) };
}

export interface ResolvedCommand {
  /** The licensing command (one of the parse contract's names), or undefined for any other line. */
  command: CommandName | undefined;
  /** The full name of any command of the table (`show clock`, `terminal pager`), else undefined. */
  name?: KnownCommand;
  /** Text after the command words: output that was pasted onto the command's own line. */
  remainder: string;
  /** The output filter typed after `|`, when there is one. */
  filter?: OutputFilter;
}

const NONE: ResolvedCommand = { command: undefined, remainder: '' };
const LICENSING = new Set<string>(COMMAND_NAMES);

/** True when `name` is a command whose output the licensing parsers read (the parse contract's names). */
export function isLicensingCommand(name: string | undefined): name is CommandName {
  return name !== undefined && LICENSING.has(name);
}

/** Resolves what was typed after a prompt: the longest run of words that names a command. */
export function resolveCommand(typed: string): ResolvedCommand {
  const pipe = typed.indexOf('|');
  const body = pipe >= 0 ? typed.slice(0, pipe) : typed;
  let node = ROOT;
  let matched: Node | undefined;
  let restAt = 0;
  const words = /\S+/g;
  for (let m = words.exec(body); m !== null; m = words.exec(body)) {
    const token = m[0];
    const next =
      node.children.find((c) => c.word && matchesWord(token, c.word)) ?? node.children.find((c) => c.arg);
    if (!next) break;
    node = next;
    if (node.name) {
      matched = node;
      restAt = m.index + token.length;
    }
  }
  if (!matched?.name) return NONE;
  const name = matched.name;
  const out: ResolvedCommand = {
    command: isLicensingCommand(name) ? name : undefined,
    name,
    // Output pasted onto the line only when nothing was piped: a filter's text is not output.
    remainder: pipe >= 0 ? '' : body.slice(restAt).trim(),
  };
  if (pipe >= 0) out.filter = parseFilter(typed.slice(pipe + 1));
  return out;
}

/** The first characters of each family's start markers (the letters {@link startMarkerAt} tells apart). */
export const MARKER_FIRST_CHARS: Readonly<Record<OutputFamily, string>> = {
  license: 'SRL',
  features: 'L',
  version: 'C',
  config: 'lcnh:A',
};

/** The family a line starts, when it is a line only that family prints first or near the top. */
export function startMarker(t: string): OutputFamily | undefined {
  return startMarkerAt(t, 0, t.length);
}

/** True when src[at, end) starts with `x`. */
const has = (src: string, at: number, end: number, x: string) =>
  at + x.length <= end && src.startsWith(x, at);
/** True when src[at, end) starts with the word `x` (followed by a space or the end). */
const word = (src: string, at: number, end: number, x: string) =>
  has(src, at, end, x) && (at + x.length === end || src.charCodeAt(at + x.length) === 32);

/** {@link startMarker} of `src.slice(at, end)`, read in place. */
export function startMarkerAt(src: string, at: number, end: number): OutputFamily | undefined {
  if (at >= end) return undefined;
  const c = src.charCodeAt(at);
  // Cheap first-letter filter: markers start with S, R, L, C, N, l, c, h, A, : .
  // Second letter too where first letters are common in outputs (S: `Serial`, `Security`, C: `Cluster`).
  const c2 = src.charCodeAt(at + 1);
  if (c === 83 /* S */) {
    if (c2 !== 109 /* m */ && c2 !== 116 /* t */) return undefined;
    if (has(src, at, end, 'Smart Licensing ')) {
      if (has(src, at, end, 'Smart Licensing Status') || has(src, at, end, 'Smart Licensing is '))
        return 'license';
    } else if (has(src, at, end, 'Status: REGIST') || has(src, at, end, 'Status: UNREGIST')) return 'license';
  } else if (c === 82 /* R */) {
    if (has(src, at, end, 'Registration:')) return 'license';
  } else if (c === 76 /* L */) {
    if (has(src, at, end, 'License Authorization:')) return 'license';
    if (has(src, at, end, 'Licensed features for this') || has(src, at, end, 'License mode:'))
      return 'features';
  } else if (c === 67 /* C */) {
    if (c2 === 105 /* i */ && has(src, at, end, 'Cisco Adaptive Security Appliance Software Version'))
      return 'version';
  } else if (c === 108 /* l */ || c === 99 /* c */ || c === 110 /* n */ || c === 104 /* h */ || c === 58) {
    // `license smart`, `call-home`, `call-home reporting`, `no call-home reporting` as whole words.
    if (
      word(src, at, end, 'license smart') ||
      word(src, at, end, 'call-home') ||
      word(src, at, end, 'no call-home reporting')
    )
      return 'config';
    if (has(src, at, end, 'hostname ') || has(src, at, end, ': Saved')) return 'config';
  } else if (c === 65 /* A */) {
    if (has(src, at, end, 'ASA Version ')) return 'config';
  }
  return undefined;
}

/** Names the command of a bare output chunk from what it holds. */
export function commandForContent(family: OutputFamily, texts: string[]): CommandName {
  if (family === 'version') return 'show version';
  if (family === 'features') return 'show license features';
  if (family === 'config') {
    const lic = texts.some((t) => /^license smart( |$)/.test(t));
    const ch = texts.some((t) => /^(no )?call-home( |$)/.test(t));
    const full = texts.some(
      (t) => t.startsWith('hostname ') || t.startsWith('ASA Version') || t.startsWith(': Saved'),
    );
    if (full || (lic && ch)) return 'show running-config';
    return lic ? 'show running-config license' : 'show running-config call-home';
  }
  // Not anchored: a collapsed paste holds these headings mid-line.
  if (texts.some((t) => /Smart Licensing Status|Product Information|Agent Version|^License Usage$/.test(t)))
    return 'show license all';
  if (texts.some((t) => /^License\s+Entitlement tag\s+Count\s+Status$/.test(t)))
    return 'show license summary';
  return 'show license status';
}
