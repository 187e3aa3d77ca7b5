// Native add-ons (better-sqlite3; ssh2's optional crypto binding) are compiled when npm installs
// them. A missing build, one made for another Node.js, or a removed package surfaces as a raw
// bindings list or a dlopen error from deep inside a command; this turns it into one line naming
// the module and the command that fixes it (exit 4: the run could not proceed, not a bug).

import { EXIT, SmartlicError } from './errors.ts';

export const NATIVE_MODULE_ERROR_CODES = ['NATIVE_MODULE'] as const;

export class NativeModuleError extends SmartlicError<(typeof NATIVE_MODULE_ERROR_CODES)[number]> {
  readonly module: string;
  constructor(module: string, why: string, projectDir: string | undefined, cause: unknown) {
    const where = projectDir ? ` (in ${projectDir})` : '';
    super(
      'NATIVE_MODULE',
      `the native module ${module} could not be loaded (${why}); fix: npm rebuild ${module}${where}`,
      { exitCode: EXIT.RUN_FAILED, cause },
    );
    this.module = module;
  }
}

// A compiled add-on's path as Node prints it: after "→ " in a bindings list, quoted in the
// NODE_MODULE_VERSION message, or before ": invalid ELF header" in a dlopen error.
const NODE_FILE = /((?:[A-Za-z]:)?[\\/][^\s'"]*?\.node)(?=$|[\s'":])/m;

/** The package a file belongs to (innermost node_modules) and the folder where `npm rebuild` runs. */
function packageOf(file: string): { module: string; projectDir: string } | undefined {
  const parts = file.split(/[\\/]/);
  const i = parts.lastIndexOf('node_modules');
  const name = parts[i + 1];
  if (i < 0 || name === undefined) return undefined;
  const module = name.startsWith('@') && parts[i + 2] ? `${name}/${parts[i + 2]}` : name;
  return { module, projectDir: parts.slice(0, i).join('/') || '/' };
}

/** The one-line error for a native module that failed to load, or undefined for any other error. */
export function nativeModuleError(error: unknown): NativeModuleError | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    const firstLine = e.message.split('\n', 1)[0] ?? '';
    // ERR_DLOPEN_FAILED: a .node file that is not loadable here; "bindings file": the `bindings`
    // package (better-sqlite3's loader) found no build at all.
    if (code === 'ERR_DLOPEN_FAILED' || /bindings file/.test(firstLine)) {
      const file = NODE_FILE.exec(e.message)?.[1];
      const pkg = file === undefined ? undefined : packageOf(file);
      if (!pkg) continue;
      const why = /bindings file/.test(firstLine)
        ? 'its compiled .node file is missing'
        : /NODE_MODULE_VERSION/.test(e.message)
          ? 'it was compiled for another Node.js version'
          : (firstLine.split(': ').slice(1).join(': ').trim() || 'dlopen failed').slice(0, 120);
      return new NativeModuleError(pkg.module, why, pkg.projectDir, error);
    }
  }
  return undefined;
}
