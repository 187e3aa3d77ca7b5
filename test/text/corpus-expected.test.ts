// ntc-templates style: every real output in test/fixtures/corpus (NAME.txt) has its expected
// `smartlic parse --json NAME.txt` beside it (NAME.expected.json), each field checked by eye
// against the raw text (what was checked: test/fixtures/SOURCES.md). The parse, run as a user runs
// it from that folder, must give exactly that: a change in what we read from a real device shows up
// here as a diff to review, never silently.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { CORPUS_DIR, corpusFiles } from '../helpers/fixtures.ts';

const raws = corpusFiles();
const expectedFiles = readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.expected.json'));

describe('corpus: parse output held to the checked expected files', () => {
  it('every raw output has an expected file, and every expected file a raw output', () => {
    expect(raws.length).toBeGreaterThan(0);
    expect(expectedFiles.map((f) => f.replace(/\.expected\.json$/, '.txt')).sort()).toEqual(raws);
  });

  it.each(raws)('%s', async (raw) => {
    const expected = JSON.parse(
      readFileSync(join(CORPUS_DIR, raw.replace(/\.txt$/, '.expected.json')), 'utf8'),
    );
    const run = await runCli(['parse', '--json', raw], { cwd: CORPUS_DIR });
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toEqual(expected);
  });
});
