// A broken or missing native add-on, for real: smartlic's sources run from a temporary folder whose
// node_modules links every installed package except better-sqlite3, which is a copy of its
// JavaScript with the compiled file damaged or removed. Node's own loader then fails exactly as it
// does after a Node upgrade or an interrupted install; the CLI must say which module and how to fix
// it, in one line, with exit 4 (not 70 and a list of every path the loader tried).

import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from './helpers/cli.ts';
import { REPO_ROOT, SEED_DIR } from './helpers/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-native-'));
const modules = join(dir, 'node_modules');
const addon = join(modules, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

beforeAll(() => {
  const installed = join(REPO_ROOT, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(installed)) {
    if (name === 'better-sqlite3' || name === '.bin' || name.startsWith('.')) continue;
    symlinkSync(join(installed, name), join(modules, name));
  }
  for (const part of ['package.json', 'lib']) {
    cpSync(join(installed, 'better-sqlite3', part), join(modules, 'better-sqlite3', part), {
      recursive: true,
    });
  }
  cpSync(join(REPO_ROOT, 'src'), join(dir, 'src'), { recursive: true });
  cpSync(join(REPO_ROOT, 'package.json'), join(dir, 'package.json'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const smartlic = (args: string[]) =>
  runCliProcess(args, {
    cwd: dir,
    entry: join(dir, 'src', 'cli.ts'),
    env: { ...process.env, XDG_STATE_HOME: join(dir, 'state'), XDG_DATA_HOME: join(dir, 'data') },
  });

function expectOneLineNamingTheFix(err: string): void {
  const lines = err.split('\n').filter((l) => l.startsWith('smartlic:'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/native module better-sqlite3 could not be loaded/);
  expect(lines[0]).toContain(`npm rebuild better-sqlite3 (in ${dir})`);
  expect(err).not.toMatch(/Tried:|→|internal error|\n\s+at /);
}

describe('a native module that does not load', () => {
  it('a damaged build: demo stops with one line and exit 4', async () => {
    mkdirSync(join(addon, '..'), { recursive: true });
    writeFileSync(addon, 'not an ELF file\n');
    const run = await smartlic(['demo', '--html', join(dir, 'report.html')]);
    expectOneLineNamingTheFix(run.err);
    expect(run.code).toBe(4);
  });

  it('a missing build: the audit stops before collecting (its history store cannot open), one line, exit 4', async () => {
    rmSync(addon, { force: true });
    const run = await smartlic([
      'audit',
      '--from',
      join(SEED_DIR, 'seed-condition-1.txt'),
      '--db',
      'h.db',
      '--json',
    ]);
    expect(run.out).toBe('');
    expectOneLineNamingTheFix(run.err);
    expect(run.err).toMatch(/its compiled \.node file is missing/);
    expect(run.code).toBe(4);
  });
});
