// A small "expect" over an interactive SSH shell: accumulate what the device prints, answer the
// pager, and resolve when the tail shows one of the awaited states (prompt, Password:, ...).
// What a device may print is bounded: past the byte caps the wait fails at once with
// OUTPUT_TOO_LARGE and further output is dropped, so a flooding device costs bounded memory and
// ends as one error row rather than a timeout. The work per arriving chunk is bounded too (the
// tail is judged once per turn of the event loop, on its last few hundred characters), so a
// device that sends its output a byte per packet cannot stall the rest of the fleet.

import { StringDecoder } from 'node:string_decoder';
import { CollectError } from './errors.ts';
import { classifyTail, type TailKind } from './prompt.ts';

/** Bytes one command's output may have (ASA licensing outputs are a few KB). */
export const MAX_COMMAND_BYTES = 1024 * 1024;
/** Bytes one device may print over the whole session. */
export const MAX_DEVICE_BYTES = 4 * 1024 * 1024;

export interface ExpectLimits {
  /** Bytes between two prompts (one command's output); default MAX_COMMAND_BYTES. */
  maxCommandBytes?: number;
  /** Bytes over the whole session; default MAX_DEVICE_BYTES. */
  maxDeviceBytes?: number;
}

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
  /** Bytes received since the last wait took the buffer, and over the session. */
  #bytes = 0;
  #total = 0;
  /** Which cap was passed, once one was: everything after it is dropped. */
  #overflow: 'command' | 'device' | undefined;
  /** True once the buffer holds something other than blanks (for the idle timer). */
  #printed = false;
  #closed = false;
  #wake: (() => void) | undefined;
  #scheduled = false;
  readonly #decoder = new StringDecoder('utf8');
  readonly #maxCommand: number;
  readonly #maxDevice: number;
  pages = 0;

  constructor(
    private readonly channel: ShellChannel,
    limits: ExpectLimits = {},
  ) {
    this.#maxCommand = limits.maxCommandBytes ?? MAX_COMMAND_BYTES;
    this.#maxDevice = limits.maxDeviceBytes ?? MAX_DEVICE_BYTES;
    channel.on('data', (chunk) => {
      if (this.#overflow) return;
      const bytes = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      this.#bytes += bytes;
      this.#total += bytes;
      if (this.#total > this.#maxDevice) this.#overflow = 'device';
      else if (this.#bytes > this.#maxCommand) this.#overflow = 'command';
      if (this.#overflow) {
        this.#buf = '';
        this.#wakeSoon();
        return;
      }
      const text = typeof chunk === 'string' ? chunk : this.#decoder.write(chunk);
      this.#buf += text;
      if (!this.#printed && text.trim() !== '') this.#printed = true;
      this.#wakeSoon();
    });
    channel.on('close', () => {
      this.#closed = true;
      this.#wake?.();
    });
  }

  /** Judge the tail once for everything that arrived in this turn of the event loop. */
  #wakeSoon(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
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
      let done = false;
      const finish = (fn: () => void) => {
        done = true;
        clearTimeout(total);
        clearTimeout(idle);
        this.#wake = undefined;
        fn();
      };
      const take = (kind: TailKind): WaitResult => {
        const raw = this.#buf;
        this.#buf = '';
        this.#bytes = 0;
        this.#printed = false;
        return { kind, raw };
      };
      const check = () => {
        if (done) return;
        if (this.#overflow) {
          const [what, cap] =
            this.#overflow === 'device'
              ? ['the device printed', this.#maxDevice]
              : ['one output was', this.#maxCommand];
          return finish(() =>
            reject(
              new CollectError(
                'read',
                'OUTPUT_TOO_LARGE',
                `${what} more than ${cap} bytes while ${opts.doing} (output cap; ASA licensing outputs are a few KB)`,
              ),
            ),
          );
        }
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
        if (opts.idleMs !== undefined && this.#printed) {
          clearTimeout(idle);
          idle = setTimeout(() => afterPendingInput(() => finish(() => resolve(take('none')))), opts.idleMs);
        }
      };
      // A timer that fires late because the event loop was busy (another device's diagnosis, a
      // pause of the collector) runs before the input that arrived meanwhile is read: let that
      // input in and judge it first, so a stall elsewhere is not taken for a silent device.
      const afterPendingInput = (expire: () => void) =>
        setImmediate(() =>
          setImmediate(() => {
            check();
            if (!done) expire();
          }),
        );
      const total = setTimeout(
        () =>
          afterPendingInput(() =>
            finish(() =>
              reject(
                new CollectError(
                  'timeout',
                  'COMMAND_TIMEOUT',
                  `no prompt after ${opts.timeoutMs} ms while ${opts.doing}`,
                ),
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
