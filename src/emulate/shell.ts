// One CLI session on the emulated ASA: prompt, read a line, run it, repeat. Sans-IO: bytes come in
// through `feed`, go out through `write`; the SSH adapter only connects the two. The pager and every
// question (`Password:`, `[confirm]`) are reads on the same TerminalInput, so type-ahead from
// automation clients is consumed in order.

import { lineFilter } from '../text/index.ts';
import { grammarFor, keepsSubMode, PARENT_MODE } from './cli-commands.ts';
import {
  type CommandContext,
  type DeviceForCli,
  HELP_MODE_NAME,
  type Mode,
  PROMPT_SUFFIX,
  type SessionState,
} from './cli-context.ts';
import { completeLine, describeMismatch } from './command-tree.ts';
import { landingContext, scopeOf } from './contexts.ts';
import { helpFiltered, matchFiltered } from './filtered-command.ts';
import { type CompleteHandler, TerminalInput } from './terminal-input.ts';

/** ASA's default page length (`terminal pager 24`). */
export const DEFAULT_PAGER_LINES = 24;
const MORE = '<--- More --->';
const CTRL_C = '\x03';

export interface ShellOptions {
  interactive: boolean;
  /** Start privileged (exec channel) instead of at `host>`. */
  privileged?: boolean;
  username: string;
  /** Unread type-ahead passed its limit (true) or was read (false): terminal-input.ts. */
  onInputBacklog?: (full: boolean) => void;
}

export class CliShell {
  readonly session: SessionState;
  private readonly input: TerminalInput;
  private readonly nl: string;
  private ended = false;
  private onEnd: (() => void) | undefined;

  constructor(
    private readonly device: DeviceForCli,
    private readonly write: (text: string) => void,
    opts: ShellOptions,
  ) {
    this.nl = opts.interactive ? '\r\n' : '\n';
    this.input = new TerminalInput(write, this.nl, opts.onInputBacklog);
    this.session = {
      mode: opts.privileged ? 'exec' : 'user',
      username: opts.username,
      pagerLines: opts.interactive ? DEFAULT_PAGER_LINES : 0,
      width: 80,
      interactive: opts.interactive,
    };
    const context = landingContext(device);
    if (context !== undefined) this.session.context = context;
  }

  /** The commands of `mode` as this session's context sees them (contexts.ts). */
  private grammar(mode: Mode) {
    return grammarFor(mode, scopeOf(this.device, this.session));
  }

  get closed(): boolean {
    return this.ended;
  }

  feed(data: string): void {
    this.input.feed(data);
  }

  prompt(): string {
    // The ASA leaves one space after its prompt (`ASA# show license status` in the seed).
    return `${this.device.promptName(this.session.context)}${PROMPT_SUFFIX[this.session.mode]} `;
  }

  /** Run the interactive loop until the user logs out or `end()` is called. */
  async run(onEnd: () => void): Promise<void> {
    this.onEnd = onEnd;
    // The message of the day on connecting, then the exec banner before the first prompt [the
    // order is assumed: the guide says motd shows "when you first connect", exec "before the
    // enable prompt"]; none by default.
    const banners = [...this.device.banner('motd'), ...this.device.banner('exec')];
    if (banners.length > 0) this.write(banners.map((l) => l + this.nl).join(''));
    while (!this.ended) {
      const prompt = this.prompt();
      this.write(prompt);
      const mode = this.session.mode;
      const line = await this.input.readLine({
        prefix: prompt,
        onHelp: (partial) => this.help(mode, partial, prompt.length),
        onComplete: (partial) => this.complete(mode, partial),
      });
      if (this.ended) break;
      await this.execute(line, prompt.length);
    }
  }

  /** Stop the session (logout, reload, server shutdown). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.input.close();
    this.onEnd?.();
  }

  /** Run one line; returns false when the device rejected it (for the exec channel's exit status). */
  async execute(line: string, promptWidth: number): Promise<boolean> {
    if (line.trim() === '') return true;
    const mode = this.session.mode;
    const { roots, noRoots } = this.grammar(mode);
    let result = matchFiltered(roots, line, noRoots);
    // In a sub-mode, a line that is not the sub-mode's own is tried one level up: the ASA leaves
    // the sub-mode (`license smart` then `call-home` works without `exit`).
    let fallback: Mode | undefined = PARENT_MODE[mode];
    while (!result.ok && fallback && result.kind === 'invalid' && result.column === line.search(/\S/)) {
      const parent = this.grammar(fallback);
      const attempt = matchFiltered(parent.roots, line, parent.noRoots);
      if (attempt.ok) {
        if (!keepsSubMode(attempt.line.words)) this.session.mode = fallback;
        result = attempt;
        break;
      }
      fallback = PARENT_MODE[fallback];
    }
    if (!result.ok) {
      await this.print(describeMismatch(result, promptWidth).join('\n'));
      return false;
    }
    const { handler, args, negated } = result.line;
    // `show … | include X`: the output is filtered before it is paged, as on the ASA.
    const filter = result.filter ? lineFilter(result.filter) : undefined;
    let failed = false;
    const ctx: CommandContext = {
      session: this.session,
      device: this.device,
      print: async (text) => {
        if (/^(ERROR|%)/m.test(text)) failed = true;
        if (!filter) return this.print(text);
        const kept = filter(text.replace(/\n$/, '').split('\n'));
        if (kept.length > 0) await this.print(`${kept.join('\n')}\n`);
      },
      ask: async (prompt, echo = 'plain') => {
        this.write(prompt.replaceAll('\n', this.nl));
        return this.input.readLine({ echo, prefix: prompt });
      },
      askKey: async (prompt) => {
        this.write(prompt);
        return this.input.readKey();
      },
      logout: () => this.logout(),
    };
    await handler(ctx, args, negated);
    return !failed;
  }

  private logout(): void {
    this.write(`${this.nl}Logoff${this.nl}${this.nl}`);
    this.end();
  }

  /**
   * Tab: the command tree's completion; the words of an ambiguous prefix are listed on one line,
   * two spaces apart [assumed: the ASA's layout for the list is not in our sources].
   */
  private complete(mode: Mode, partial: string): ReturnType<CompleteHandler> {
    const { roots, noRoots } = this.grammar(mode);
    const result = completeLine(roots, partial, noRoots);
    if (result.kind !== 'list') return result;
    return { kind: 'list', text: `${result.words.join('  ')}${this.nl}` };
  }

  private help(mode: Mode, partial: string, promptWidth: number): string {
    const { roots, noRoots } = this.grammar(mode);
    const lines = helpFiltered(roots, partial, HELP_MODE_NAME[mode], promptWidth, noRoots);
    return lines.map((l) => l + this.nl).join('');
  }

  /** Print output, paging it when the pager is on (space: page, enter: line, q or Ctrl-C: stop). */
  async print(text: string): Promise<void> {
    if (text === '') return;
    const lines = text.replace(/\n$/, '').split('\n');
    const page = this.session.pagerLines;
    if (!this.session.interactive || page <= 0 || lines.length <= page) {
      this.write(lines.map((l) => l + this.nl).join(''));
      return;
    }
    let shown = 0;
    let budget = page;
    while (shown < lines.length) {
      const chunk = lines.slice(shown, shown + budget);
      this.write(chunk.map((l) => l + this.nl).join(''));
      shown += chunk.length;
      if (shown >= lines.length) break;
      this.write(MORE);
      const key = await this.input.readKey();
      // Erase the marker in place, as the ASA does, so captured output has no pager residue.
      this.write(`\r${' '.repeat(MORE.length)}\r`);
      // q, or Ctrl-C as on the ASA, ends the output; the prompt follows.
      if (this.ended || key === 'q' || key === 'Q' || key === CTRL_C) break;
      budget = key === '\r' ? 1 : page;
    }
  }
}
