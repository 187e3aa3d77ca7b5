// A tiny expect for driving a real interactive client (ssh -tt) in tests: wait for a pattern in
// what the child printed, then type. No timing assertions: the timeout only bounds a hang.

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

export class Expect {
  readonly child: ChildProcessWithoutNullStreams;
  output = '';
  private mark = 0;
  private waiters: (() => void)[] = [];
  exitCode: number | null = null;
  private exited: Promise<number | null>;

  constructor(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
    this.child = spawn(command, args, { env, stdio: 'pipe' });
    const onData = (d: Buffer) => {
      this.output += d.toString('utf8');
      for (const w of this.waiters.splice(0)) w();
    };
    this.child.stdout.on('data', onData);
    this.child.stderr.on('data', onData);
    this.exited = new Promise((resolve) =>
      this.child.on('close', (code) => {
        this.exitCode = code;
        for (const w of this.waiters.splice(0)) w();
        resolve(code);
      }),
    );
  }

  /** Wait until `pattern` appears after the previous match; returns the text up to its end. */
  async expect(pattern: RegExp | string, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rest = this.output.slice(this.mark);
      const m = typeof pattern === 'string' ? indexMatch(rest, pattern) : pattern.exec(rest);
      if (m) {
        const end = (m.index ?? 0) + m[0].length;
        const seen = rest.slice(0, end);
        this.mark += end;
        return seen;
      }
      if (this.exitCode !== null)
        throw new Error(`client exited (${this.exitCode}) before ${pattern}; got:\n${rest}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${pattern}; got:\n${rest}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  send(text: string): void {
    this.child.stdin.write(text);
  }

  async wait(): Promise<number | null> {
    return this.exited;
  }

  kill(): void {
    if (this.exitCode === null) this.child.kill();
  }
}

function indexMatch(text: string, needle: string): RegExpExecArray | null {
  const i = text.indexOf(needle);
  if (i < 0) return null;
  const m = [needle] as unknown as RegExpExecArray;
  m.index = i;
  return m;
}
