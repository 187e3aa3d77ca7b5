// This installation of smartlic: its package root, its version and how to start it again in a
// child process. The same code runs from src/ (development, through tsx) and from dist/ (built,
// installed from the tarball); both folders sit one level below the package root, so every path
// here is taken from this module's own location, never from the current folder.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** True when this code runs from the TypeScript sources rather than the compiled dist/. */
const fromSources = import.meta.url.endsWith('.ts');

/** The version in package.json, the one place it is written. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: unknown };
  return String(pkg.version);
}

/**
 * How to run `smartlic ARGS` with this very code in a child process (`lab up --detach`): the
 * installed entry when running compiled, the sources under tsx's loader when running from src/.
 * tsx is resolved from this package, not from the current folder, so both work from anywhere.
 */
export function smartlicCommand(args: string[]): { command: string; args: string[] } {
  if (!fromSources)
    return { command: process.execPath, args: [join(PACKAGE_ROOT, 'bin', 'smartlic.js'), ...args] };
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return {
    command: process.execPath,
    args: ['--import', tsxLoader, join(PACKAGE_ROOT, 'src', 'cli.ts'), ...args],
  };
}
