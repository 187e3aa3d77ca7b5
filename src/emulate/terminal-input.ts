// The device side of a terminal line: raw bytes in, edited lines out. Sans-IO: it never touches a
// socket; the shell asks for a line (or a key) and gets a promise, and every echo byte goes through
// `write`. Input that arrives while nobody is reading is kept (type-ahead) and echoed only when it is
// read, which is what Netmiko's send_config_set relies on: it writes every command at once and then
// reads prompt + echo pairs in order.

/** How typed characters are echoed back. */
export type EchoMode = 'plain' | 'star' | 'none';

/** What a pending read wants: a whole line, or one key (the pager and [confirm] prompts). */
type Reader =
  | { kind: 'line'; echo: EchoMode; buffer: string; resolve: (line: string) => void; onHelp?: HelpHandler }
  | { kind: 'key'; resolve: (key: string) => void };

/** Called when `?` is typed on a line: returns the text to show; the line is then redrawn. */
export type HelpHandler = (partialLine: string) => string;

const CR = '\r';
const LF = '\n';
const BS = '\b';
const DEL = '\x7f';
const CTRL_U = '\x15';
const CTRL_W = '\x17';
const CTRL_C = '\x03';
const ESC = '\x1b';

/**
 * Line discipline of the emulated console. CR, LF and CR LF each end a line exactly once; backspace
 * and DEL erase one character, ctrl-U the whole line, ctrl-W one word; ESC sequences (arrow keys)
 * are swallowed; `?` asks for help without entering the character.
 */
export class TerminalInput {
  private pending = '';
  private reader: Reader | undefined;
  private lastWasCr = false;
  private closed = false;
  /** The prompt in front of the line being read, to redraw it after `?` help. */
  private redrawPrefix = '';

  constructor(
    private readonly write: (text: string) => void,
    private readonly newline = '\r\n',
  ) {}

  /** Bytes from the client. */
  feed(data: string): void {
    if (this.closed) return;
    this.pending += data;
    this.pump();
  }

  /** The session is over: a pending read ends (empty), later input is dropped. */
  close(): void {
    this.closed = true;
    this.pending = '';
    const reader = this.reader;
    this.reader = undefined;
    if (reader?.kind === 'line') reader.resolve('');
    else if (reader?.kind === 'key') reader.resolve('q');
  }

  /** Read one edited line; `prefix` is what is already on screen (the prompt), for redraws. */
  readLine(opts: { echo?: EchoMode; prefix?: string; onHelp?: HelpHandler } = {}): Promise<string> {
    this.redrawPrefix = opts.prefix ?? '';
    if (this.closed) return Promise.resolve('');
    return new Promise((resolve) => {
      this.reader = { kind: 'line', echo: opts.echo ?? 'plain', buffer: '', resolve, onHelp: opts.onHelp };
      this.pump();
    });
  }

  /** Read one key press (CR LF counts once, as CR). */
  readKey(): Promise<string> {
    if (this.closed) return Promise.resolve('q');
    return new Promise((resolve) => {
      this.reader = { kind: 'key', resolve };
      this.pump();
    });
  }

  private pump(): void {
    while (this.reader && this.pending.length > 0) {
      const ch = this.pending[0] as string;
      this.pending = this.pending.slice(1);
      const wasCr = this.lastWasCr;
      this.lastWasCr = ch === CR;
      // CR LF is one Enter: swallow the LF that follows a CR.
      if (ch === LF && wasCr) continue;
      if (ch === ESC) {
        this.skipEscapeSequence();
        continue;
      }
      const reader = this.reader;
      if (reader.kind === 'key') {
        this.reader = undefined;
        reader.resolve(ch === LF ? CR : ch);
        continue;
      }
      this.editLine(reader, ch);
    }
  }

  private skipEscapeSequence(): void {
    // ESC [ params final-byte, or ESC O x; drop it whole so arrow keys do not land in the line.
    const m = /^(\[[0-9;?]*[@-~]|O.|.)?/s.exec(this.pending);
    this.pending = this.pending.slice(m?.[0].length ?? 0);
  }

  private editLine(reader: Extract<Reader, { kind: 'line' }>, ch: string): void {
    const echo = (s: string) => {
      if (reader.echo === 'plain') this.write(s);
      else if (reader.echo === 'star') this.write(s.replace(/[^\b ]/g, '*'));
    };
    if (ch === CR || ch === LF) {
      this.reader = undefined;
      this.write(this.newline);
      reader.resolve(reader.buffer);
      return;
    }
    if (ch === BS || ch === DEL) {
      if (reader.buffer.length > 0) {
        reader.buffer = reader.buffer.slice(0, -1);
        echo('\b \b');
      }
      return;
    }
    if (ch === CTRL_U || ch === CTRL_W) {
      const keep = ch === CTRL_U ? '' : reader.buffer.replace(/\S+\s*$/, '');
      const erased = reader.buffer.length - keep.length;
      reader.buffer = keep;
      echo('\b \b'.repeat(erased));
      return;
    }
    if (ch === CTRL_C) {
      // Abandon the line, as the ASA does: a fresh prompt follows.
      this.reader = undefined;
      this.write(`^C${this.newline}`);
      reader.resolve('');
      return;
    }
    if (ch === '?' && reader.onHelp && reader.echo === 'plain') {
      this.write(`?${this.newline}`);
      const help = reader.onHelp(reader.buffer);
      this.write(help);
      this.write(this.redrawPrefix + reader.buffer);
      return;
    }
    if (ch === '\t' || ch < ' ') return; // no completion; other control bytes are ignored
    reader.buffer += ch;
    echo(ch);
  }
}
