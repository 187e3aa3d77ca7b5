// Where the real ASA outputs the tests read live: test/fixtures, inside the repository, each with
// its public source in test/fixtures/SOURCES.md. Tests never read anything outside the checkout.

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures');
/** Real device outputs from public repositories (ntc-templates, genieparser, unicon, …). */
export const CORPUS_DIR = join(FIXTURES_DIR, 'corpus');
/** The user's seed document (Cisco tech note 225967) and the outputs cut from it. */
export const SEED_DIR = join(FIXTURES_DIR, 'seed');
export const SEED_FILE = join(SEED_DIR, 'tech-note-225967.txt');
/** Captures built from the real outputs, each described in SOURCES.md (derived/). */
export const DERIVED_DIR = join(FIXTURES_DIR, 'derived');

/** Corpus output files, optionally filtered by name prefix. */
export function corpusFiles(prefix = ''): string[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.txt'))
    .sort();
}

export const readCorpus = (name: string) => readFileSync(join(CORPUS_DIR, name), 'utf8');
/** One of the seed's outputs (`seed-condition-1.txt`, `seed-status-smart.txt`, …). */
export const readSeedFixture = (name: string) => readFileSync(join(SEED_DIR, name), 'utf8');
export const readDerived = (name: string) => readFileSync(join(DERIVED_DIR, name), 'utf8');
