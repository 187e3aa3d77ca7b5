import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseOutputJsonSchema } from '../../scripts/gen-schema.ts';
import { parseCapture } from '../../src/text/index.ts';
import { parseOutputSchema } from '../../src/text/schema.ts';
import { corpusFiles, REPO_ROOT, readCorpus, readFixture } from './corpus.ts';

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
