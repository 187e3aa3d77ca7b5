// What the ASA prints around command output: prompts, the pager, echo. Pure functions, so the
// SSH session code only moves bytes and the rules here are tested on plain strings.

/** An ASA exec prompt on the last line: `fw>`, `fw#`, `fw/pri/act#`, `fw/admin#`, `fw/ctx/sec/stby#`. */
const ASA_PROMPT = /(?:^|\n)([A-Za-z0-9][\w.-]*(?:\/[\w.-]+)*)([>#]) ?$/;
/** A config-mode prompt: we never enter one, so seeing it means something is wrong. */
const CONFIG_PROMPT = /(?:^|\n)[A-Za-z0-9][\w./-]*\((?:config|cfg)[\w-]*\)# ?$/;
/** ASA's pager line (and its older forms). */
export const MORE = /<--- More --->|--More--/;
const MORE_AT_END = /(?:<--- More --->|--More--)[ \t]*$/;
const LOGIN_PROMPT = /(?:^|\n)\s*(?:Username|login|User Name):\s*$/i;
const PASSWORD_PROMPT = /(?:^|\n)[^\n]*Password:\s*$/i;

export interface AsaPrompt {
  /** The whole prompt text, e.g. `fw/pri/act#`. */
  text: string;
  hostname: string;
  privileged: boolean;
  context?: string;
  unit?: 'primary' | 'secondary';
  state?: 'active' | 'standby';
}

/** Parse a prompt's parts (`host/ctx/pri/act#`: segments after the hostname are context or failover). */
export function parsePrompt(text: string): AsaPrompt | undefined {
  const m = ASA_PROMPT.exec(text.replace(/\r/g, ''));
  if (!m) return undefined;
  const [hostname = '', ...segments] = (m[1] ?? '').split('/');
  const p: AsaPrompt = { text: `${m[1]}${m[2]}`, hostname, privileged: m[2] === '#' };
  for (const s of segments) {
    if (s === 'pri' || s === 'sec') p.unit = s === 'pri' ? 'primary' : 'secondary';
    else if (s === 'act' || s === 'stby') p.state = s === 'act' ? 'active' : 'standby';
    else p.context ??= s;
  }
  return p;
}

export type TailKind = 'prompt' | 'config' | 'more' | 'login' | 'password' | 'none';

/** What the device is waiting for, judged from the end of what it printed so far. */
export function classifyTail(buffer: string): TailKind {
  const tail = cleanTerminal(buffer.slice(-400));
  // Only a pager marker at the very end waits for a key; one left behind in the text does not.
  if (MORE_AT_END.test(tail)) return 'more';
  if (CONFIG_PROMPT.test(tail)) return 'config';
  if (PASSWORD_PROMPT.test(tail)) return 'password';
  if (LOGIN_PROMPT.test(tail)) return 'login';
  if (ASA_PROMPT.test(tail)) return 'prompt';
  return 'none';
}

/** The last non-empty line, for error messages about a prompt we did not expect (truncated). */
export function lastLine(buffer: string): string {
  const lines = cleanTerminal(buffer)
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean);
  const last = lines.at(-1) ?? '';
  return last.length > 60 ? `${last.slice(0, 57)}...` : last;
}

// Built from strings: a literal ESC in a regex literal trips the linter for a good reason elsewhere.
const ESC = String.fromCharCode(27);
const ANSI_CSI = new RegExp(`${ESC}\\[[0-9;?]*[A-Za-z]`, 'g');
const ANSI_CHARSET = new RegExp(`${ESC}[()][A-Za-z0-9]`, 'g');

/**
 * Normalise terminal text: drop ANSI sequences, apply backspaces, turn CRLF into LF and resolve a
 * bare CR (the pager erases its line with `\r   \r`) by keeping what was written last on the line.
 */
export function cleanTerminal(raw: string): string {
  const noAnsi = raw.replace(ANSI_CSI, '').replace(ANSI_CHARSET, '');
  const lines = noAnsi.replace(/\r\n/g, '\n').split('\n');
  return lines
    .map((line) => {
      let out = '';
      for (const ch of line) {
        if (ch === '\b') out = out.slice(0, -1);
        else out += ch;
      }
      if (!out.includes('\r')) return out;
      // Overstrike: later segments overwrite earlier ones from column 0.
      let screen = '';
      for (const seg of out.split('\r')) screen = seg + screen.slice(seg.length);
      // The erasure leaves blanks where the pager text was; they mean nothing.
      return screen.trimEnd();
    })
    .join('\n');
}

/** Remove every pager marker left in collected text (with any blanking the device printed). */
export function stripPager(text: string): string {
  return text
    .replace(/^[ \t]*(?:<--- More --->|--More--)[ \t]*\n/gm, '')
    .replace(/[ \t]*(?:<--- More --->|--More--)[ \t]*/g, '');
}

/**
 * The output of one command from the raw bytes between sending it and the next prompt: strip
 * the echoed command line, the trailing prompt and pager markers.
 */
export function extractOutput(raw: string, command: string, prompt: string): string {
  let text = stripPager(cleanTerminal(raw));
  const lines = text.split('\n');
  // The echo is the first line that ends with the command (it may carry the old prompt).
  const echo = lines.findIndex((l) => l.trimEnd().endsWith(command));
  if (echo >= 0 && echo < 3) lines.splice(0, echo + 1);
  text = lines.join('\n');
  const end = text.lastIndexOf(prompt);
  if (end >= 0 && text.slice(end + prompt.length).trim() === '') text = text.slice(0, end);
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/^\n+/, '')
    .replace(/\n+$/, '\n');
}

/** Did the device reject the command? (`ERROR: % Invalid input detected at '^' marker.`) */
export function isRejected(output: string): boolean {
  return /% Invalid input detected|% Incomplete command|ERROR: Command authorization failed|Command authorization failed/.test(
    output.split('\n').slice(0, 4).join('\n'),
  );
}
