// Generates schema/audit-output.schema.json from the zod contract in src/audit/report/contract.ts.
// Run: npx tsx scripts/gen-audit-schema.ts [--check]  (--check fails when the committed file is stale)

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { auditOutputJsonSchema } from '../src/audit/report/schema.ts';

const target = fileURLToPath(new URL('../schema/audit-output.schema.json', import.meta.url));
const text = `${JSON.stringify(auditOutputJsonSchema(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  const committed = readFileSync(target, 'utf8');
  if (committed !== text) {
    process.stderr.write(`${target} is stale: run npx tsx scripts/gen-audit-schema.ts\n`);
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
