// Damaged input never throws: random truncation, lines joined as web pages and tickets do, and
// byte mutations of every corpus file and seed fixture. Warnings always point inside the file.

import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCapture } from '../../src/text/index.ts';
import { corpusFiles, FIXTURES_DIR, readCorpus, readFixture } from './corpus.ts';

const samples: [string, string][] = [
  ...corpusFiles().map((f): [string, string] => [f, readCorpus(f)]),
  ...readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.txt'))
    .map((f): [string, string] => [f, readFixture(f)]),
];

function checkNoThrow(text: string) {
  const lineCount = text.split('\n').length;
  for (const entry of parseCapture(text, 'fuzz.txt')) {
    for (const w of entry.warnings) {
      expect(w.line).toBeGreaterThanOrEqual(1);
      expect(w.line).toBeLessThanOrEqual(lineCount);
    }
    JSON.stringify(entry);
  }
}

describe('damaged captures never throw', () => {
  it.each(samples)('%s: truncation, joins and byte mutations', (_name, text) => {
    const bytes = Buffer.from(text, 'utf8');
    fc.assert(
      fc.property(
        fc.nat(text.length),
        fc.array(fc.nat(text.length), { maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(Math.max(0, bytes.length - 1)), fc.integer({ min: 0, max: 255 })), {
          maxLength: 24,
        }),
        (cut, joins, mutations) => {
          checkNoThrow(text.slice(0, cut));
          const joined = text.split('');
          for (const j of joins) if (joined[j] === '\n') joined[j] = ' ';
          checkNoThrow(joined.join(''));
          checkNoThrow(text.replace(/\r?\n/g, ' '));
          const mutated = Buffer.from(bytes);
          for (const [at, value] of mutations) if (at < mutated.length) mutated[at] = value;
          checkNoThrow(mutated.toString('utf8'));
        },
      ),
      { numRuns: 150 },
    );
  });
});
