// The ASA prompt, the one grammar everything reads it with: the session splitter (parse, audit
// --from), the collector waiting on a live device, and the tests of the emulator that prints it.
//
//   hostname[/segment…][(mode)]# or >      then what was typed, if anything
//
// Segments after the hostname are a security context (`fw/admin#`, `fw/ctx#`) and the failover
// unit and state (`fw/pri/act#`, `fw/ctx/sec/stby#`); `(mode)` is a configuration mode
// (`fw(config)#`, `fw(config-smart-lic)#`, `fw(cfg-call-home-profile)#`); `>` is unprivileged exec.

import { isLineTerminator, trimBlanksEndAt } from './chars.ts';

/** One line holding a prompt; group 1 the prompt without its mark, 2 the mark, 3 what was typed. */
// @internal the pattern promptAt reads by hand, exported for the test that holds them together.
export const PROMPT = /^([A-Za-z0-9][\w.-]*(?:\/[\w.-]+)*(?:\([\w.-]+\))?)([#>]) ?(.*)$/;

/** `[\w.-]`: the characters of a hostname, a path segment or a config mode. */
const isNameChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;

/** Past the run of name characters at src[i]. */
function skipName(src: string, i: number, end: number): number {
  while (i < end && isNameChar(src.charCodeAt(i))) i++;
  return i;
}

/** Where the prompt at src[start] ends (just past `#` or `>`), or -1 when there is none. */
function promptEnd(src: string, start: number, end: number): number {
  const c = src.charCodeAt(start);
  if (start >= end || !isNameChar(c) || c === 95 || c === 46 || c === 45) return -1;
  let i = skipName(src, start + 1, end);
  while (i < end && src.charCodeAt(i) === 47 /* / */) {
    const next = skipName(src, i + 1, end);
    if (next === i + 1) return -1;
    i = next;
  }
  if (i < end && src.charCodeAt(i) === 40 /* ( */) {
    const next = skipName(src, i + 1, end);
    if (next === i + 1 || src.charCodeAt(next) !== 41 /* ) */ || next >= end) return -1;
    i = next + 1;
  }
  const mark = src.charCodeAt(i);
  if (i >= end || (mark !== 35 /* # */ && mark !== 62) /* > */) return -1;
  return i + 1;
}

/**
 * Where what was typed after a prompt starts in src[start, end), or -1 when the line is not a
 * prompt: PROMPT, read in place (the splitter asks this of every line that holds `#` or `>`).
 */
export function promptAt(src: string, start: number, end: number): number {
  let i = promptEnd(src, start, end);
  if (i < 0) return -1;
  if (i < end && src.charCodeAt(i) === 32) i++;
  // `(.*)$` stops at a line terminator, and then the line is no prompt.
  for (let j = i; j < end; j++) if (isLineTerminator(src.charCodeAt(j))) return -1;
  return i;
}

/** What was typed after the prompt on this line (`''` for a bare prompt), or undefined. */
export function promptCommand(text: string): string | undefined {
  const at = promptAt(text, 0, text.length);
  return at < 0 ? undefined : text.slice(at);
}

/** A prompt taken apart. */
export interface AsaPrompt {
  /** The prompt as printed, without the space after it: `fw/pri/act#`, `fw(config)#`. */
  text: string;
  hostname: string;
  /** `#`: privileged exec or a configuration mode; `>`: unprivileged exec. */
  privileged: boolean;
  /** The configuration mode in parentheses (`config`, `config-smart-lic`), absent in exec. */
  mode?: string;
  /** The security context segment (multiple-context mode). */
  context?: string;
  unit?: 'primary' | 'secondary';
  state?: 'active' | 'standby';
}

// The failover segments: the unit's role and its state.
const UNIT: Record<string, AsaPrompt['unit']> = { pri: 'primary', sec: 'secondary' };
const STATE: Record<string, AsaPrompt['state']> = { act: 'active', stby: 'standby' };

/** Takes a prompt apart (`fw/ctx/sec/stby#`); what was typed after it is ignored. */
export function parsePromptLine(line: string): AsaPrompt | undefined {
  const stop = promptEnd(line, 0, line.length);
  if (stop < 0) return undefined;
  const text = line.slice(0, stop);
  const open = text.indexOf('(');
  const path = text.slice(0, open >= 0 ? open : -1);
  const [hostname = '', ...segments] = path.split('/');
  const p: AsaPrompt = { text, hostname, privileged: text.endsWith('#') };
  if (open >= 0) p.mode = text.slice(open + 1, -2);
  for (const s of segments) {
    if (UNIT[s]) p.unit = UNIT[s];
    else if (STATE[s]) p.state = STATE[s];
    else p.context ??= s;
  }
  return p;
}

/**
 * The prompt a device is waiting at: the last line of `screen` (cleaned terminal text) when it is
 * a prompt with nothing typed after it, else undefined.
 */
export function waitingPrompt(screen: string): AsaPrompt | undefined {
  // One space follows a prompt; a newline after it would mean the device printed on.
  const end = trimBlanksEndAt(screen, 0, screen.length);
  const last = screen.slice(screen.lastIndexOf('\n', end - 1) + 1, end);
  const p = parsePromptLine(last);
  return p && p.text.length === last.length ? p : undefined;
}

/** What the ASA asks for a user name (`login`, an in-shell login) and a password (`enable` too). */
export const USERNAME_PROMPT = 'Username: ';
export const PASSWORD_PROMPT = 'Password: ';
// Also the forms other devices and older images print before the ASA prompt (`login:`, `User Name:`).
const ASKS_USERNAME = /(?:^|\n)\s*(?:Username|login|User Name):\s*$/i;
const ASKS_PASSWORD = /(?:^|\n)[^\n]*Password:\s*$/i;

/** What a screen's last line asks for, if it is a login prompt. */
export function loginPromptAt(screen: string): 'username' | 'password' | undefined {
  if (ASKS_PASSWORD.test(screen)) return 'password';
  if (ASKS_USERNAME.test(screen)) return 'username';
  return undefined;
}

// The question ASA 9.x asks at `configure terminal` until anonymous reporting has been decided
// (Unicon's ASA mock data, CiscoTestAutomation/unicon.plugins: "Would you like to enable anonymous
// error reporting to help improve the product? [Y]es, [N]o, [A]sk later:"). Answering "ask later"
// leaves the configuration as it is; yes or no would add a `call-home reporting anonymous` line.
const ANONYMOUS_REPORTING = /\[Y\]es, \[N\]o, \[A\]sk later:\s*$/;
/** The answer that defers the anonymous-reporting question without changing the configuration. */
export const ANONYMOUS_REPORTING_LATER = 'A';

/** True when a screen's last line is the anonymous-reporting question. */
export function asksAnonymousReporting(screen: string): boolean {
  return ANONYMOUS_REPORTING.test(screen);
}
