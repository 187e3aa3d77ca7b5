// A small "expect" over an interactive SSH shell: accumulate what the device prints, answer the
// pager, and resolve when the tail shows one of the awaited states (prompt, Password:, ...).

import { CollectError } from './errors.ts';
import { classifyTail, type TailKind } from './prompt.ts';

/** The part of an ssh2 ClientChannel this needs (also satisfied by a PassThrough in tests). */
export interface ShellChannel {
  write(data: string): unknown;
  on(event: 'data', cb: (chunk: Buffer | string) => void): unknown;
  on(event: 'close', cb: () => void): unknown;
}

export interface WaitResult {
  kind: TailKind;
  /** Everything printed since the previous wait resolved (raw, pager markers included). */
  raw: string;
}

export interface WaitOptions {
  kinds: TailKind[];
  timeoutMs: number;
  /** Resolve with kind 'none' when nothing more arrives for this long (unexpected prompt). */
  idleMs?: number;
  /** What we were doing, for the timeout message. */
  doing: string;
}

export class Expect {
  #buf = '';
  #closed = false;
  #wake: (() => void) | undefined;
  pages = 0;

  constructor(private readonly channel: ShellChannel) {
    channel.on('data', (chunk) => {
      this.#buf += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      this.#wake?.();
    });
    channel.on('close', () => {
      this.#closed = true;
      this.#wake?.();
    });
  }

  send(line: string): void {
    this.channel.write(`${line}\r`);
  }

  /** Send without a line end (pager answers). */
  sendRaw(data: string): void {
    this.channel.write(data);
  }

  get closed(): boolean {
    return this.#closed;
  }

  wait(opts: WaitOptions): Promise<WaitResult> {
    return new Promise((resolve, reject) => {
      let idle: NodeJS.Timeout | undefined;
      let answeredAt = -1;
      const finish = (fn: () => void) => {
        clearTimeout(total);
        clearTimeout(idle);
        this.#wake = undefined;
        fn();
      };
      const take = (kind: TailKind): WaitResult => {
        const raw = this.#buf;
        this.#buf = '';
        return { kind, raw };
      };
      const check = () => {
        const kind = classifyTail(this.#buf);
        if (kind === 'more' && this.#buf.length !== answeredAt) {
          // Answer each pager stop once; paging should be off, but a device may still page.
          answeredAt = this.#buf.length;
          this.pages++;
          this.sendRaw(' ');
        } else if (opts.kinds.includes(kind)) return finish(() => resolve(take(kind)));
        if (this.#closed)
          return finish(() =>
            reject(
              new CollectError('read', 'CHANNEL_CLOSED', `the device closed the session while ${opts.doing}`),
            ),
          );
        if (opts.idleMs !== undefined && this.#buf.trim() !== '') {
          clearTimeout(idle);
          idle = setTimeout(() => finish(() => resolve(take('none'))), opts.idleMs);
        }
      };
      const total = setTimeout(
        () =>
          finish(() =>
            reject(
              new CollectError(
                'timeout',
                'COMMAND_TIMEOUT',
                `no prompt after ${opts.timeoutMs} ms while ${opts.doing}`,
              ),
            ),
          ),
        opts.timeoutMs,
      );
      this.#wake = check;
      check();
    });
  }
}
