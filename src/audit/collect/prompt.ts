// What the device is waiting for, and the output of one command, from the bytes a live SSH shell
// printed. Pure functions, so the session code only moves bytes and the rules are tested on plain
// strings. How the ASA prints prompts, the pager and its terminal controls is the text layer's
// (src/text: prompt.ts, normalize.ts); this module only applies it to a live session's tail.

import {
  type AsaPrompt,
  asksAnonymousReporting,
  cleanScreen,
  loginPromptAt,
  PAGER_AT_END,
  stripPager,
  trimBlanksEndAt,
  waitingPrompt,
} from '../../text/index.ts';

export type { AsaPrompt } from '../../text/index.ts';
export { isRejected } from '../../text/index.ts';

/** The exec prompt the device printed last (`fw>`, `fw/pri/act#`), or undefined (config mode too). */
export function parsePrompt(text: string): AsaPrompt | undefined {
  const p = waitingPrompt(cleanScreen(text));
  return p && p.mode === undefined ? p : undefined;
}

/** The configuration-mode prompt the device printed last (`fw(config-smart-lic)#`), or undefined. */
export function parseConfigPrompt(text: string): AsaPrompt | undefined {
  const p = waitingPrompt(cleanScreen(text));
  return p?.mode !== undefined ? p : undefined;
}

export type TailKind = 'prompt' | 'config' | 'more' | 'login' | 'password' | 'question' | 'none';

/** What the device is waiting for, judged from the end of what it printed so far. */
export function classifyTail(buffer: string): TailKind {
  const tail = cleanScreen(buffer.slice(-400));
  // Only a pager marker at the very end waits for a key; one left behind in the text does not.
  if (PAGER_AT_END.test(tail)) return 'more';
  // A question only `configure terminal` asks (the audit never waits for one).
  if (asksAnonymousReporting(tail)) return 'question';
  const prompt = waitingPrompt(tail);
  // A config-mode prompt: we never enter one, so seeing it means something is wrong.
  if (prompt?.mode !== undefined) return 'config';
  const login = loginPromptAt(tail);
  if (login) return login === 'password' ? 'password' : 'login';
  if (prompt) return 'prompt';
  return 'none';
}

/** The last non-empty line, for error messages about a prompt we did not expect (truncated). */
export function lastLine(buffer: string): string {
  const lines = cleanScreen(buffer)
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean);
  const last = lines.at(-1) ?? '';
  return last.length > 60 ? `${last.slice(0, 57)}...` : last;
}

/**
 * The output of one command from the raw bytes between sending it and the next prompt: strip
 * the echoed command line, the trailing prompt and pager markers.
 */
export function extractOutput(raw: string, command: string, prompt: string): string {
  let text = stripPager(cleanScreen(raw));
  const lines = text.split('\n');
  // The echo is the first line that ends with the command (it may carry the old prompt).
  const echo = lines.findIndex((l) => l.trimEnd().endsWith(command));
  if (echo >= 0 && echo < 3) lines.splice(0, echo + 1);
  text = lines.join('\n');
  const end = text.lastIndexOf(prompt);
  if (end >= 0 && text.slice(end + prompt.length).trim() === '') text = text.slice(0, end);
  // Trailing blanks off every line, blank lines off both ends, one newline at the end. By hand:
  // `/[ \t]+$/gm` and `/\n+$/` rescan a long run of blanks or newlines from each of its positions.
  const out = text.split('\n').map((l) => l.slice(0, trimBlanksEndAt(l, 0, l.length)));
  let first = 0;
  while (first < out.length && out[first] === '') first++;
  let last = out.length;
  while (last > first && out[last - 1] === '') last--;
  if (first === last) return '';
  return `${out.slice(first, last).join('\n')}${last < out.length ? '\n' : ''}`;
}
