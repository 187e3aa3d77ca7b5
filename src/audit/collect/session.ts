// The read-only ASA dialog over an interactive shell: reach a privileged prompt (login flow,
// enable), turn the pager off (the ONLY session setting we touch), move to the system context
// when the device runs multiple contexts, then run the audit's show commands.

import type { ShowVersionData } from '../../core/model.ts';
import { type KnownCommand, parseShowVersion } from '../../text/index.ts';
import { CollectError } from './errors.ts';
import type { Expect, WaitResult } from './expect.ts';
import { type AsaPrompt, extractOutput, isRejected, lastLine, parsePrompt } from './prompt.ts';
import type { Secret } from './secret.ts';
import type { CollectedOutput, DeviceCollection } from './types.ts';

/** The audit's commands after `show version`, in order (full names of the text layer's table). */
export const AUDIT_COMMANDS = [
  'show license all',
  'show running-config license',
  'show running-config call-home',
  'show clock',
] as const satisfies readonly KnownCommand[];
/** Tried when the device rejects `show license all` (older agents). */
export const LICENSE_FALLBACKS = [
  'show license status',
  'show license summary',
] as const satisfies readonly KnownCommand[];

export interface SessionOptions {
  username: string;
  password?: Secret;
  enablePassword?: Secret;
  commandTimeoutMs: number;
  /** How long a silent, unrecognised prompt may sit before we call it unexpected. */
  promptIdleMs: number;
}

export interface SessionResult {
  context?: DeviceCollection['context'];
  failover?: DeviceCollection['failover'];
}

/** A privileged exec session: the prompt it is at, updated by every command. */
export interface ExecSession {
  ex: Expect;
  prompt: AsaPrompt;
  commandTimeoutMs: number;
}

/** Run one exec command and return its output (echo and prompt stripped). */
export async function execCommand(session: ExecSession, command: string): Promise<string> {
  const { ex } = session;
  ex.send(command);
  const r = await ex.wait({
    kinds: ['prompt', 'config'],
    timeoutMs: session.commandTimeoutMs,
    doing: `running ${command}`,
  });
  if (r.kind === 'config')
    throw new CollectError('prompt', 'UNEXPECTED_PROMPT', `a config-mode prompt appeared after ${command}`);
  const after = parsePrompt(r.raw);
  if (after) session.prompt = after;
  return extractOutput(r.raw, command, session.prompt.text);
}

/** What the audit's dialog leaves behind: the session, still open and privileged, for more commands. */
export interface AuditSessionResult extends SessionResult {
  session: ExecSession;
}

/** Runs the dialog, pushing each output into `outputs` as it arrives (kept on failure too). */
export async function runAsaSession(
  ex: Expect,
  opts: SessionOptions,
  outputs: CollectedOutput[],
): Promise<AuditSessionResult> {
  let prompt = await reachPrompt(ex, opts);
  if (!prompt.privileged) prompt = await enable(ex, opts);
  const session: ExecSession = { ex, prompt, commandTimeoutMs: opts.commandTimeoutMs };
  const run = (command: string) => execCommand(session, command);

  await run('terminal pager 0');
  let version = await run('show version');
  let context = contextOf(version, session.prompt);
  if (context?.mode === 'multiple' && !context.isSystem) {
    // `changeto` switches the session's context; it changes no configuration.
    const reply = await run('changeto system');
    if (!isRejected(reply) && !/ERROR|denied/i.test(reply)) {
      version = await run('show version');
      context = contextOf(version, session.prompt) ?? context;
      if (context) context.isSystem = !session.prompt.context || session.prompt.context === 'system';
    }
  }
  outputs.push({ command: 'show version', text: version });

  for (const command of AUDIT_COMMANDS) {
    const text = await run(command);
    if (!isRejected(text)) {
      outputs.push({ command, text });
      continue;
    }
    if (command === 'show license all')
      for (const fallback of LICENSE_FALLBACKS) {
        const t = await run(fallback);
        if (!isRejected(t)) outputs.push({ command: fallback, text: t });
      }
  }
  const { unit, state } = session.prompt;
  return { context, failover: unit || state ? { unit, state } : undefined, session };
}

/**
 * Single or multiple context mode, and which context the session is in. `show version` prints
 * `Software Version 9.14(2)15 <context>` in multiple-context mode (read by the text layer); the
 * word in brackets is `context` in the system context too (corpus: genieparser 3, whose features
 * are `for this platform`), so the features heading (`for this user context`) tells them apart.
 */
export function contextOf(version: string, prompt: AsaPrompt): DeviceCollection['context'] {
  return contextFromVersion(parseShowVersion(version).data, prompt);
}

/** {@link contextOf} from a show version already parsed. */
export function contextFromVersion(data: ShowVersionData, prompt: AsaPrompt): DeviceCollection['context'] {
  const marked = data.software?.context;
  if (!marked)
    return prompt.context
      ? { mode: 'multiple', current: prompt.context, isSystem: false }
      : { mode: 'single' };
  const userScope = data.featuresScope === 'user context';
  const current = prompt.context ?? (marked === 'context' && !userScope ? 'system' : marked);
  return {
    mode: 'multiple',
    current,
    isSystem:
      current === 'system' || (!prompt.context && (marked === 'system' || data.featuresScope === 'platform')),
  };
}

async function reachPrompt(ex: Expect, opts: SessionOptions): Promise<AsaPrompt> {
  const wait = (doing: string) =>
    ex.wait({
      kinds: ['prompt', 'config', 'login', 'password'],
      timeoutMs: opts.commandTimeoutMs,
      idleMs: opts.promptIdleMs,
      doing,
    });
  let r: WaitResult;
  try {
    r = await ex.wait({
      kinds: ['prompt', 'config', 'login', 'password'],
      timeoutMs: opts.promptIdleMs,
      idleMs: opts.promptIdleMs,
      doing: 'waiting for the first prompt',
    });
  } catch (e) {
    if (!(e instanceof CollectError) || e.code !== 'COMMAND_TIMEOUT') throw e;
    // Silent so far: some devices print their prompt only after a keystroke.
    ex.send('');
    r = await wait('waiting for the first prompt');
  }
  // The `login` flow: some ASAs ask for credentials again inside the shell.
  for (let round = 0; r.kind === 'login' || r.kind === 'password'; round++) {
    if (round >= 2)
      throw new CollectError('auth', 'AUTH_FAILED', 'the device refused the login inside the shell');
    if (r.kind === 'login') ex.send(opts.username);
    else ex.send(opts.password?.reveal() ?? '');
    r = await wait('logging in');
  }
  if (r.kind === 'config')
    throw new CollectError('prompt', 'UNEXPECTED_PROMPT', 'the session opened in config mode');
  const p = r.kind === 'prompt' ? parsePrompt(r.raw) : undefined;
  if (!p)
    throw new CollectError(
      'prompt',
      'UNEXPECTED_PROMPT',
      `unexpected prompt ${JSON.stringify(lastLine(r.raw))} (expected an ASA prompt like host> or host#)`,
    );
  return p;
}

async function enable(ex: Expect, opts: SessionOptions): Promise<AsaPrompt> {
  // Without an enable password: ASA's factory default (empty), then the login password (what
  // `aaa authentication enable console LOCAL` expects). The ASA asks up to three times.
  const candidates = opts.enablePassword
    ? [opts.enablePassword.reveal()]
    : ['', opts.password?.reveal() ?? ''];
  const wait = (doing: string) =>
    ex.wait({ kinds: ['prompt', 'password', 'login'], timeoutMs: opts.commandTimeoutMs, doing });
  ex.send('enable');
  let r = await wait('entering enable');
  for (let i = 0; r.kind === 'password' && i < 3; i++) {
    // Past our candidates, empty answers just run out the ASA's remaining tries.
    ex.send(candidates[i] ?? '');
    r = await wait('entering enable');
  }
  let p = r.kind === 'prompt' ? parsePrompt(r.raw) : undefined;
  if (p?.privileged) return p;
  if (!opts.enablePassword && opts.password && r.kind === 'prompt') {
    // ASA's `login` command: log in again as a local user, at that user's privilege level.
    ex.send('login');
    r = await wait('running login');
    if (r.kind === 'login') {
      ex.send(opts.username);
      r = await wait('running login');
    }
    if (r.kind === 'password') {
      ex.send(opts.password.reveal());
      r = await wait('running login');
    }
    p = r.kind === 'prompt' ? parsePrompt(r.raw) : undefined;
    if (p?.privileged) return p;
  }
  const hint = opts.enablePassword
    ? 'wrong enable password'
    : 'no enable password given (enable_password_env / ansible_become_password), and login did not reach #';
  throw new CollectError('enable', 'ENABLE_FAILED', `enable was refused: ${hint}`);
}
