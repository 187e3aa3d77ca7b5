import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutputJsonSchema } from '../../scripts/gen-schema.ts';
import { parseCapture } from '../../src/text/index.ts';
import { parseOutputSchema } from '../../src/text/schema.ts';
import { corpusFiles, REPO_ROOT, readCorpus, readFixture } from './corpus.ts';

describe('zod schemas mirror src/core/model.ts', () => {
  it('the data shapes are the same types (tsc on schema-types.ts)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smartlic-schema-types-'));
    try {
      const config = join(dir, 'tsconfig.json');
      writeFileSync(
        config,
        JSON.stringify({
          extends: join(REPO_ROOT, 'tsconfig.json'),
          compilerOptions: { typeRoots: [join(REPO_ROOT, 'node_modules/@types')] },
          include: [],
          files: [join(REPO_ROOT, 'test/text/schema-types.ts')],
        }),
      );
      const tsc = spawnSync(join(REPO_ROOT, 'node_modules/.bin/tsc'), ['-p', config, '--noEmit'], {
        encoding: 'utf8',
        cwd: REPO_ROOT,
      });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schema/parse-output.schema.json', () => {
  const path = join(REPO_ROOT, 'schema/parse-output.schema.json');

  it('is up to date with the types (run `npm run schema` when this fails)', () => {
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(parseOutputJsonSchema(), null, 2)}\n`);
  });

  it('real parse output validates against it', () => {
    const texts = [
      ...corpusFiles().map(readCorpus),
      readFixture('seed-condition-1.txt'),
      readFixture('seed-condition-2.txt'),
      readFixture('seed-condition-3.txt'),
      readFixture('seed-status-smart.txt'),
      readFixture('seed-run-license.txt'),
    ];
    const output = JSON.parse(JSON.stringify(texts.flatMap((t, i) => parseCapture(t, `f${i}.txt`))));
    expect(output.length).toBeGreaterThanOrEqual(texts.length);
    expect(parseOutputSchema.safeParse(output).error).toBeUndefined();
  });

  it('rejects an entry whose data does not match its command', () => {
    const bad = [
      { file: 'x', command: 'show version', data: { registration: { status: 'REGISTERED' } }, warnings: [] },
    ];
    expect(parseOutputSchema.safeParse(bad).success).toBe(false);
  });
});
