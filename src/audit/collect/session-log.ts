// Split a saved terminal session (`fw1# show version` ... `fw1# show license all` ...) into one
// output per command. Prompts are ASA-shaped; everything between two prompt lines belongs to
// the earlier command.

import { expandCommand } from './commands.ts';
import { type AsaPrompt, cleanTerminal, parsePrompt, stripPager } from './prompt.ts';
import type { CollectedOutput } from './types.ts';

const PROMPT_LINE = /^([A-Za-z0-9][\w.-]*(?:\/[\w.-]+)*(?:\([\w-]+\))?)([>#]) ?(.*)$/;

export interface SplitLog {
  outputs: (CollectedOutput & { line: number })[];
  /** The last exec prompt seen (for failover and context segments). */
  prompt?: AsaPrompt;
}

/** Commands we keep; the rest of a session (enable, terminal settings, typos) is skipped. */
const isShow = (command: string) => /^show\b/.test(command);

export function splitSessionLog(raw: string): SplitLog {
  const lines = stripPager(cleanTerminal(raw)).split('\n');
  const outputs: SplitLog['outputs'] = [];
  let current: { command: string; line: number; body: string[] } | undefined;
  let prompt: AsaPrompt | undefined;
  const close = () => {
    if (current && isShow(current.command))
      outputs.push({
        command: current.command,
        text: `${current.body.join('\n').replace(/^\n+/, '').replace(/\s+$/, '')}\n`,
        line: current.line,
      });
    current = undefined;
  };
  lines.forEach((l, i) => {
    const m = PROMPT_LINE.exec(l.trimEnd());
    if (m && !/\(/.test(m[1] ?? '')) {
      close();
      prompt = parsePrompt(`${m[1]}${m[2]}`) ?? prompt;
      const typed = (m[3] ?? '').trim();
      if (typed) current = { command: expandCommand(typed), line: i + 1, body: [] };
      return;
    }
    if (m) {
      // A config-mode prompt: whatever follows is not a show output.
      close();
      return;
    }
    current?.body.push(l.trimEnd());
  });
  close();
  return { outputs, prompt };
}
