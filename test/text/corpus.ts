// Where the real ASA outputs live (../shared/corpus beside the checkout). Tests read them there and
// never copy them. Outside CI a missing folder skips with a printed reason; with CI=true it fails.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_DIR } from '../helpers/shared.ts';

const here = dirname(fileURLToPath(import.meta.url));

export { CORPUS_DIR, REPO_ROOT } from '../helpers/shared.ts';
export const FIXTURES_DIR = join(here, 'fixtures');

/** True when the corpus can be used; throws under CI when it is missing. */
export function corpusAvailable(): boolean {
  if (existsSync(CORPUS_DIR)) return true;
  if (process.env.CI === 'true')
    throw new Error(`corpus folder ${CORPUS_DIR} is missing and CI=true: it must be used`);
  console.warn(`skipping corpus tests: ${CORPUS_DIR} not found (set SMARTLIC_CORPUS to point at it)`);
  return false;
}

/** Corpus output files (not SOURCES.md, not .expected files), optionally filtered by name prefix. */
export function corpusFiles(prefix = ''): string[] {
  if (!existsSync(CORPUS_DIR)) return [];
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.txt') && !f.includes('.expected'))
    .sort();
}

export const readCorpus = (name: string) => readFileSync(join(CORPUS_DIR, name), 'utf8');
export const readFixture = (name: string) => readFileSync(join(FIXTURES_DIR, name), 'utf8');
