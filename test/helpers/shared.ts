// Where the user's seed document and the real ASA outputs live: ../shared beside the checkout
// (CI clones the repo elsewhere and lays shared/ beside it). Tests read them there, never copy them.

import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SHARED_DIR = process.env.SMARTLIC_SHARED ?? resolve(REPO_ROOT, '../shared');
export const CORPUS_DIR = process.env.SMARTLIC_CORPUS ?? join(SHARED_DIR, 'corpus');
export const SEED_FILE = join(SHARED_DIR, 'SEED-asa-smart-licensing-transport.txt');
