// The one way smartlic changes a device's configuration (smartlic fix): enter configuration mode,
// type the lines under their parents, and return to exec. The audit never calls this; it is kept
// apart from the read-only dialog (session.ts) so that a read-only session cannot reach it.
// Each line's answer is read before the next is typed, so a refused line stops the change there
// and says which line and why.

import { ANONYMOUS_REPORTING_LATER, type KnownCommand, refusalIn } from '../../text/index.ts';
import { CollectError } from './errors.ts';
import type { WaitResult } from './expect.ts';
import { extractOutput, parseConfigPrompt, parsePrompt } from './prompt.ts';
import type { ExecSession } from './session.ts';

// Named in the text layer's command table.
const CONFIGURE = 'configure terminal' satisfies KnownCommand;
const END = 'end' satisfies KnownCommand;

/** Lines to type in configuration mode: `parents` enter the block (`license smart`), `lines` go in it. */
export interface ConfigChange {
  parents: string[];
  lines: string[];
}

/** What configuring did: the lines the device accepted, in order (parents included), and the one it refused. */
export interface ConfigOutcome {
  accepted: string[];
  /** The line the device refused and its answer; nothing after it was typed. */
  refused?: { line: string; reason: string };
}

/**
 * Type `change` in configuration mode and return to the exec prompt. A refused line ends the
 * change there (configuration mode is left); the caller decides what to roll back. A session that
 * stops answering throws the collector's CollectError (a timeout, a closed channel).
 */
export async function configureLines(session: ExecSession, change: ConfigChange): Promise<ConfigOutcome> {
  const { ex } = session;
  const accepted: string[] = [];
  const wait = (doing: string) =>
    ex.wait({
      kinds: ['config', 'prompt', 'question'],
      timeoutMs: session.commandTimeoutMs,
      doing,
    });
  const leave = async () => {
    ex.send(END);
    const r = await ex.wait({
      kinds: ['prompt', 'config'],
      timeoutMs: session.commandTimeoutMs,
      doing: `running ${END}`,
    });
    const exec = parsePrompt(r.raw);
    if (!exec)
      throw new CollectError('prompt', 'UNEXPECTED_PROMPT', `${END} did not return to the exec prompt`);
    session.prompt = exec;
  };
  const typed = (r: WaitResult, line: string) => {
    const at = parseConfigPrompt(r.raw) ?? parsePrompt(r.raw);
    return extractOutput(r.raw, line, at?.text ?? session.prompt.text);
  };

  ex.send(CONFIGURE);
  let r = await wait('entering configuration mode');
  if (r.kind === 'question') {
    ex.send(ANONYMOUS_REPORTING_LATER);
    r = await wait('deferring the anonymous-reporting question');
  }
  if (r.kind !== 'config') {
    const exec = parsePrompt(r.raw);
    if (exec) session.prompt = exec;
    const reason = refusalIn(typed(r, CONFIGURE)) ?? 'no configuration-mode prompt';
    return { accepted, refused: { line: CONFIGURE, reason } };
  }
  for (const line of [...change.parents, ...change.lines]) {
    ex.send(line);
    r = await wait(`typing ${line}`);
    const refused = r.kind === 'config' ? refusalIn(typed(r, line)) : 'it left configuration mode';
    if (refused !== undefined) {
      if (r.kind === 'config') await leave();
      else {
        const exec = parsePrompt(r.raw);
        if (exec) session.prompt = exec;
      }
      return { accepted, refused: { line, reason: refused } };
    }
    accepted.push(line);
  }
  await leave();
  return { accepted };
}
