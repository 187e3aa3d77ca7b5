// Writes the finding-code table of the catalogue (src/audit/diagnose/catalogue.ts) between the
// `<!-- finding-codes:begin -->` / `<!-- finding-codes:end -->` markers of README.md and
// docs/ARCHITECTURE.md (each where it exists and has them).
// Run: npx tsx scripts/gen-finding-table.ts [--check]  (--check fails when a file is stale)

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withFindingTable } from '../src/audit/diagnose/catalogue.ts';

let stale = false;
for (const rel of ['../README.md', '../docs/ARCHITECTURE.md']) {
  const path = fileURLToPath(new URL(rel, import.meta.url));
  if (!existsSync(path)) continue;
  const text = readFileSync(path, 'utf8');
  const next = withFindingTable(text);
  if (next === text) continue;
  if (process.argv.includes('--check')) {
    process.stderr.write(`${path}: the finding table is stale: run npx tsx scripts/gen-finding-table.ts\n`);
    stale = true;
  } else {
    writeFileSync(path, next);
    process.stdout.write(`wrote ${path}\n`);
  }
}
if (stale) process.exit(1);
