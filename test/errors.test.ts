// docs/errors.md is the one table of error codes: this holds it to the literal lists the classes
// declare (code, class, exit status), so a code added, removed or re-classed in the source without
// the table (or the other way round) fails here.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLLECT_ERROR_CODES, CollectError } from '../src/audit/collect/errors.ts';
import { CORE_ERROR_CODES, VersionFormatError } from '../src/core/errors.ts';
import {
  asSmartlicError,
  INPUT_ERROR_CODES,
  InputError,
  SmartlicError,
  USAGE_ERROR_CODES,
  UsageError,
} from '../src/errors.ts';
import {
  LAB_CONTROL_ERROR_CODES,
  LAB_CONTROL_ERRORS,
  LabControlError,
  LabNotRunningError,
} from '../src/lab/control-errors.ts';
import { NATIVE_MODULE_ERROR_CODES, NativeModuleError } from '../src/native-modules.ts';
import { WIRE_ERROR_CODES } from '../src/protocol/wire.ts';
import { ResolveError } from '../src/transport/resolver.ts';
import { REPO_ROOT } from './helpers/fixtures.ts';

type Row = { code: string; cls: string; exit: string };

/** The rows of the table in docs/errors.md: `| \`CODE\` | Class | Exit | Where | Meaning |`. */
function documented(): Row[] {
  const text = readFileSync(join(REPO_ROOT, 'docs/errors.md'), 'utf8');
  return [...text.matchAll(/^\| `([A-Z0-9_]+)` \| (\w+) \| ([\w ]+?) \|/gm)].map((m) => ({
    code: m[1] as string,
    cls: m[2] as string,
    exit: m[3] as string,
  }));
}

/** The rows the code implies, each exit status read from a real instance where there is one. */
function declared(): Row[] {
  const core = new Set<string>(CORE_ERROR_CODES);
  const rows: Row[] = [];
  const add = (cls: string, code: string, exit: string | number) =>
    rows.push({ code, cls, exit: String(exit) });
  for (const code of USAGE_ERROR_CODES) add('UsageError', code, new UsageError('x').exitCode);
  // Core codes reach the CLI as InputError; the table lists them under the core class.
  for (const code of INPUT_ERROR_CODES.filter((c) => !core.has(c)))
    add('InputError', code, new InputError(code, 'x').exitCode);
  for (const code of CORE_ERROR_CODES) {
    const error = new VersionFormatError('latest');
    expect(error.code).toBe(code);
    add('VersionFormatError', code, asSmartlicError(error)?.exitCode ?? 'none');
  }
  add(
    'LabNotRunningError',
    new LabNotRunningError('/tmp/x', 'why').code,
    new LabNotRunningError('d', 'w').exitCode,
  );
  for (const code of NATIVE_MODULE_ERROR_CODES) {
    const error = new NativeModuleError('better-sqlite3', 'why', '/tmp/x', undefined);
    expect(error.code).toBe(code);
    add('NativeModuleError', code, error.exitCode);
  }
  for (const code of LAB_CONTROL_ERROR_CODES) {
    const error = new LabControlError(LAB_CONTROL_ERRORS[code], { code, message: 'x' });
    expect(error.code).toBe(code);
    add('LabControlError', code, error.exitCode);
  }
  for (const code of COLLECT_ERROR_CODES)
    add('CollectError', new CollectError('read', code, 'x').code, 'device');
  return rows;
}

const key = (r: Row) => `${r.cls} ${r.code} exit ${r.exit}`;

describe('docs/errors.md', () => {
  const rows = documented();

  it('has a row for every declared code with its class and exit status, and no other', () => {
    const fromDocs = rows.filter((r) => r.cls !== 'WireError' && r.cls !== 'ResolveError').map(key);
    expect(fromDocs.sort()).toEqual(declared().map(key).sort());
  });

  it('lists the authority wire codes and the resolver code as they are declared', () => {
    const wire = rows.filter((r) => r.cls === 'WireError');
    expect(wire.map((r) => r.code).sort()).toEqual([...WIRE_ERROR_CODES].sort());
    for (const r of wire) expect(['answer', 'internal'], r.code).toContain(r.exit);
    const resolve = rows.filter((r) => r.cls === 'ResolveError').map((r) => r.code);
    expect(resolve).toEqual([new ResolveError('x.example', 'why').code]);
  });

  it('has rows for every coded error class declared anywhere in src (a new class needs its codes here)', () => {
    const classes = new Set(rows.map((r) => r.cls));
    const src = join(REPO_ROOT, 'src');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
    );
    const declaredClasses = files.flatMap((f) =>
      [
        ...readFileSync(join(src, f), 'utf8').matchAll(
          /\bclass (\w+)(?:<[^>]*>)? extends (?:SmartlicError|CoreError|InputError|UsageError|CollectError)\b/g,
        ),
      ].map((m) => m[1] as string),
    );
    expect(declaredClasses.length).toBeGreaterThanOrEqual(6);
    for (const name of declaredClasses)
      expect(classes.has(name), `${name} has no row in docs/errors.md`).toBe(true);
  });

  it('lists each code once per class', () => {
    const seen = rows.map((r) => `${r.cls} ${r.code}`);
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe('error classes', () => {
  it('a core error becomes one input error line with exit 4; other throwables are not ours', () => {
    const mapped = asSmartlicError(new VersionFormatError('9.x'));
    expect(mapped).toBeInstanceOf(SmartlicError);
    expect(mapped?.code).toBe('VERSION_FORMAT');
    expect(mapped?.exitCode).toBe(4);
    expect(mapped?.oneLine()).toMatch(/^not an ASA version: "9\.x"/);
    expect(asSmartlicError(new Error('bug'))).toBeUndefined();
  });

  it('a control API answer without one of our codes is HTTP_<status>, exit 4', () => {
    const error = new LabControlError(502, { code: 'SOMETHING_ELSE', message: 'bad gateway' });
    expect(error.code).toBe('HTTP_502');
    expect(error.exitCode).toBe(4);
    expect(new LabControlError(404, undefined).message).toBe('lab answered HTTP 404');
  });
});
