// The device side of a terminal line: raw bytes in, edited lines out. Sans-IO: it never touches a
// socket; the shell asks for a line (or a key) and gets a promise, and every echo byte goes through
// `write`. Input that arrives while nobody is reading is kept (type-ahead) and echoed only when it is
// read, which is what Netmiko's send_config_set relies on: it writes every command at once and then
// reads prompt + echo pairs in order.

/** How typed characters are echoed back. */
export type EchoMode = 'plain' | 'star' | 'none';

/** A pending read of a whole line; `rang` once the bell said the line is full. */
interface LineReader {
  kind: 'line';
  echo: EchoMode;
  buffer: string;
  resolve: (line: string) => void;
  onHelp?: HelpHandler | undefined;
  onComplete?: CompleteHandler | undefined;
  rang: boolean;
  /** Ctrl-V was typed: the next character goes in as it is (`?` included). */
  quoted: boolean;
}

/** What a pending read wants: a whole line, or one key (the pager and [confirm] prompts). */
type Reader = LineReader | { kind: 'key'; resolve: (key: string) => void };

/** Called when `?` is typed on a line: returns the text to show; the line is then redrawn. */
export type HelpHandler = (partialLine: string) => string;

/**
 * Called on Tab: characters to add to the line, or a text (its lines ending in newlines) to show
 * before the line is redrawn, or nothing to do.
 */
export type CompleteHandler = (
  partialLine: string,
) => { kind: 'append'; text: string } | { kind: 'list'; text: string } | { kind: 'none' };

const CR = '\r';
const LF = '\n';
const BS = '\b';
const DEL = '\x7f';
const CTRL_U = '\x15';
const CTRL_W = '\x17';
const CTRL_C = '\x03';
const CTRL_V = '\x16';
const TAB = '\t';
const ESC = '\x1b';

/**
 * The longest line the console keeps: characters typed past it are dropped, not echoed, and the
 * bell rings once. Ours: the ASA's limit is not in our sources, and its lines are short; a few KB
 * bound what one client can make the device hold and echo.
 */
export const MAX_LINE_CHARS = 4096;
/** Type-ahead kept while nobody reads; past it the client is asked to wait (SSH flow control). */
export const MAX_TYPE_AHEAD_CHARS = 64 * 1024;

const BEL = '\x07';
const ESCAPE_SEQUENCE = /\[[0-9;?]*[@-~]|O.|./sy;

/**
 * Line discipline of the emulated console. CR, LF and CR LF each end a line exactly once; backspace
 * and DEL erase one character, ctrl-U the whole line, ctrl-W one word; ESC sequences (arrow keys)
 * are swallowed; `?` asks for help without entering the character.
 *
 * Input is handled a chunk at a time: whatever one chunk makes the console print (the echo of every
 * character in it, a help text, a redraw) goes out in one write, so a client typing megabytes costs
 * one write per chunk, not one per byte.
 */
export class TerminalInput {
  /** Input not handled yet, from `pos` on. */
  private pending = '';
  private pos = 0;
  private reader: Reader | undefined;
  private lastWasCr = false;
  private closed = false;
  /** The prompt in front of the line being read, to redraw it after `?` help. */
  private redrawPrefix = '';
  /** What the console prints while handling input, written once at the end of the chunk. */
  private out = '';
  private pumping = false;
  private waitingForRoom = false;

  /**
   * @param onBacklog called with true when unread type-ahead passes MAX_TYPE_AHEAD_CHARS (the SSH
   *   adapter then stops reading from the client) and with false once it was read.
   */
  constructor(
    private readonly write: (text: string) => void,
    private readonly newline = '\r\n',
    private readonly onBacklog?: (full: boolean) => void,
  ) {}

  /** Bytes from the client. */
  feed(data: string): void {
    if (this.closed) return;
    this.pending = this.pos >= this.pending.length ? data : this.pending.slice(this.pos) + data;
    this.pos = 0;
    this.pump();
  }

  /** The session is over: a pending read ends (empty), later input is dropped. */
  close(): void {
    this.closed = true;
    this.pending = '';
    this.pos = 0;
    const reader = this.reader;
    this.reader = undefined;
    if (reader?.kind === 'line') reader.resolve('');
    else if (reader?.kind === 'key') reader.resolve('q');
  }

  /** Read one edited line; `prefix` is what is already on screen (the prompt), for redraws. */
  readLine(
    opts: { echo?: EchoMode; prefix?: string; onHelp?: HelpHandler; onComplete?: CompleteHandler } = {},
  ): Promise<string> {
    this.redrawPrefix = opts.prefix ?? '';
    if (this.closed) return Promise.resolve('');
    return new Promise((resolve) => {
      this.reader = {
        kind: 'line',
        echo: opts.echo ?? 'plain',
        buffer: '',
        resolve,
        onHelp: opts.onHelp,
        onComplete: opts.onComplete,
        rang: false,
        quoted: false,
      };
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
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.reader && this.pos < this.pending.length) {
        const ch = this.pending[this.pos++] as string;
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
    } finally {
      this.pumping = false;
      if (this.pos >= this.pending.length) {
        this.pending = '';
        this.pos = 0;
      }
      const out = this.out;
      this.out = '';
      if (out !== '') this.write(out);
      this.signalBacklog();
    }
  }

  private signalBacklog(): void {
    const full = this.pending.length - this.pos > MAX_TYPE_AHEAD_CHARS;
    if (full !== this.waitingForRoom) {
      this.waitingForRoom = full;
      this.onBacklog?.(full);
    }
  }

  private skipEscapeSequence(): void {
    // ESC [ params final-byte, or ESC O x; drop it whole so arrow keys do not land in the line.
    ESCAPE_SEQUENCE.lastIndex = this.pos;
    if (ESCAPE_SEQUENCE.exec(this.pending)) this.pos = ESCAPE_SEQUENCE.lastIndex;
  }

  private echo(reader: LineReader, s: string): void {
    if (reader.echo === 'plain') this.out += s;
    else if (reader.echo === 'star') this.out += s.replace(/[^\b ]/g, '*');
  }

  // Called once per character typed: no closures in here (tsx wraps each one it creates).
  private editLine(reader: LineReader, ch: string): void {
    if (ch === CR || ch === LF) {
      this.reader = undefined;
      this.out += this.newline;
      reader.resolve(reader.buffer);
      return;
    }
    if (ch === BS || ch === DEL) {
      if (reader.buffer.length > 0) {
        reader.buffer = reader.buffer.slice(0, -1);
        this.echo(reader, '\b \b');
      }
      return;
    }
    if (ch === CTRL_U || ch === CTRL_W) {
      const keep = ch === CTRL_U ? '' : reader.buffer.replace(/\S+\s*$/, '');
      const erased = reader.buffer.length - keep.length;
      reader.buffer = keep;
      reader.rang = false;
      this.echo(reader, '\b \b'.repeat(erased));
      return;
    }
    if (ch === CTRL_C) {
      // Abandon the line, as the ASA does: a fresh prompt follows.
      this.reader = undefined;
      this.out += `^C${this.newline}`;
      reader.resolve('');
      return;
    }
    // Ctrl-V enters the next character as it is: the ASA's way to type `?` into a regular
    // expression (CLI guide: "You must enter Ctrl+V before the question mark").
    if (reader.quoted) {
      reader.quoted = false;
      if (ch >= ' ') this.enter(reader, ch);
      return;
    }
    if (ch === CTRL_V) {
      reader.quoted = true;
      return;
    }
    if (ch === TAB && reader.onComplete && reader.echo === 'plain') {
      this.complete(reader, reader.onComplete);
      return;
    }
    if (ch === '?' && reader.onHelp && reader.echo === 'plain') {
      this.out += `?${this.newline}`;
      this.out += reader.onHelp(reader.buffer);
      this.out += this.redrawPrefix + reader.buffer;
      return;
    }
    if (ch < ' ') return; // other control bytes (Tab without completion too) are ignored
    this.enter(reader, ch);
  }

  /** A character into the line, unless the line is full (then the bell, once). */
  private enter(reader: LineReader, ch: string): void {
    if (reader.buffer.length >= MAX_LINE_CHARS) {
      if (!reader.rang) this.out += BEL;
      reader.rang = true;
      return;
    }
    reader.buffer += ch;
    this.echo(reader, ch);
  }

  /** Tab: finish the word in place, or show what it could be and redraw the line. */
  private complete(reader: LineReader, onComplete: CompleteHandler): void {
    const result = onComplete(reader.buffer);
    if (result.kind === 'append') {
      for (const c of result.text) this.enter(reader, c);
    } else if (result.kind === 'list') {
      this.out += this.newline + result.text + this.redrawPrefix + reader.buffer;
    }
  }
}
