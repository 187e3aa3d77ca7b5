// The parse contract (zod, src/core/model.ts) against real parse output. That the committed
// schema/parse-output.schema.json is what the generator makes: test/schemas.test.ts.

import { describe, expect, it } from 'vitest';
import { parseCapture } from '../../src/text/index.ts';
import { parseOutputSchema } from '../../src/text/schema.ts';
import { corpusFiles, readCorpus, readFixture } from './corpus.ts';

describe('the parse contract', () => {
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
