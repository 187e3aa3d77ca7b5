// Which licensing command a typed command line is (`sh lic all`, `sho ver`, `show run license`),
// using the ASA's unique-prefix abbreviations, and which command a bare output is, from its content.

import type { CommandName } from '../core/model.ts';

type Word = { word: string; min: number };
const w = (word: string, min: number): Word => ({ word, min });

const matches = (typed: string, target: Word) =>
  typed.length >= target.min && target.word.startsWith(typed.toLowerCase());

const LICENSE_SUB: [Word, CommandName][] = [
  [w('all', 1), 'show license all'],
  [w('status', 2), 'show license status'],
  [w('summary', 2), 'show license summary'],
  [w('features', 1), 'show license features'],
];
const RUN_SUB: [Word, CommandName][] = [
  [w('license', 3), 'show running-config license'],
  [w('call-home', 4), 'show running-config call-home'],
];

export interface ResolvedCommand {
  /** The licensing command, or `undefined` for any other command (`show clock`, `conf t`). */
  command: CommandName | undefined;
  /** Text after the command words: output that was pasted onto the command's own line. */
  remainder: string;
}

const NONE: ResolvedCommand = { command: undefined, remainder: '' };
const SHOW = w('show', 2);
const VERSION = w('version', 3);
const LICENSE = w('license', 3);
const RUNNING = w('running-config', 3);

// Module-level helpers rather than closures: this runs for every prompt of a fleet capture.
const rest = (words: string[], pipe: number, n: number) => (pipe >= 0 ? '' : words.slice(n).join(' '));
function findSub(subs: [Word, CommandName][], typed: string): [Word, CommandName] | undefined {
  for (const sub of subs) if (matches(typed, sub[0])) return sub;
  return undefined;
}

/** Resolves what was typed after a prompt. */
export function resolveCommand(typed: string): ResolvedCommand {
  const pipe = typed.indexOf('|');
  const body = pipe >= 0 ? typed.slice(0, pipe) : typed;
  const words = body.trim().split(/\s+/);
  if (!words[0] || !matches(words[0], SHOW)) return NONE;
  const second = words[1];
  if (!second) return NONE;
  if (matches(second, VERSION)) return { command: 'show version', remainder: rest(words, pipe, 2) };
  if (matches(second, LICENSE)) {
    const third = words[2] ?? '';
    const sub = findSub(LICENSE_SUB, third);
    // `show license` with nothing after it prints the full status on the ASA.
    return sub
      ? { command: sub[1], remainder: rest(words, pipe, 3) }
      : { command: 'show license all', remainder: rest(words, pipe, 2) };
  }
  if (matches(second, RUNNING)) {
    const third = words[2] ?? '';
    const sub = findSub(RUN_SUB, third);
    if (sub) return { command: sub[1], remainder: rest(words, pipe, 3) };
    // `show running-config all` is still the full configuration.
    return {
      command: 'show running-config',
      remainder: third === 'all' ? rest(words, pipe, 3) : rest(words, pipe, 2),
    };
  }
  return NONE;
}

export type OutputFamily = 'license' | 'version' | 'features' | 'config';

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
