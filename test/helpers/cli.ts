// `smartlic …` run in-process through the CLI entry with its output captured: what the end-to-end
// tests of every command drive, so each test reads the exit status and both streams the same way.
// `runCliProcess` does the same in a child process, for what needs a process of its own (signals,
// a detached lab, a module tree of its own).

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { main } from '../../src/cli.ts';
import { REPO_ROOT } from './fixtures.ts';

/** tsx's loader by absolute URL: `node --import` it from any folder, not only the checkout. */
export const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
/** The CLI's source entry in this checkout. */
export const CLI_SOURCE = join(REPO_ROOT, 'src', 'cli.ts');

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

/**
 * Run `node --import tsx ENTRY ARGV…` (the sources of this checkout unless `entry` names another
 * copy) in `cwd` and collect its exit status and output.
 */
export function runCliProcess(
  argv: string[],
  { cwd, env = process.env, entry = CLI_SOURCE }: { cwd: string; env?: NodeJS.ProcessEnv; entry?: string },
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, entry, ...argv], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.once('error', reject);
    // 'close', not 'exit': both streams have been read to their end.
    child.once('close', (code) => resolve({ code, out, err }));
  });
}
