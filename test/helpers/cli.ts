// `smartlic …` run in-process through the CLI entry with its output captured: what the end-to-end
// tests of every command drive, so each test reads the exit status and both streams the same way.

import { PassThrough } from 'node:stream';
import { main } from '../../src/cli.ts';

/** The exit status and everything printed by one run. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export interface CliRunOptions {
  /** Working directory relative paths resolve against. */
  cwd: string;
  /** The whole environment the command sees (nothing leaks in from the test process). */
  env?: NodeJS.ProcessEnv;
  /** Make stderr look like a terminal (progress lines are drawn only there). */
  stderrTty?: boolean;
  /** What the user types, on a stdin that looks like a terminal (a confirmation); none by default. */
  typed?: string;
  /** Called with each piece written to stderr as it is written (to act while the command runs). */
  onStderr?: (chunk: string) => void;
}

/** Run `smartlic <argv>` and collect stdout and stderr until it returns. */
export async function runCli(
  argv: string[],
  { cwd, env = {}, stderrTty = false, typed, onStderr }: CliRunOptions,
): Promise<CliRun> {
  const stdin = typed === undefined ? undefined : Object.assign(new PassThrough(), { isTTY: true });
  stdin?.end(typed);
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), { isTTY: stderrTty });
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += String(c);
  });
  stderr.on('data', (c) => {
    err += String(c);
    onStderr?.(String(c));
  });
  // The isolated per-user folders of test/helpers/isolated-home.ts, unless the test sets its own.
  const home = { XDG_DATA_HOME: process.env.XDG_DATA_HOME, XDG_STATE_HOME: process.env.XDG_STATE_HOME };
  const fullEnv = { ...home, ...env };
  const code = await main(argv, { stdout, stderr, env: fullEnv, cwd, ...(stdin ? { stdin } : {}) });
  return { code, out, err };
}
