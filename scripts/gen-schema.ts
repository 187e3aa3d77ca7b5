// `npm run schema`: writes the committed JSON Schemas (schema/*.schema.json) of every JSON output
// smartlic prints, each generated from the zod contract the code itself is typed by. Never edit
// the files by hand; test/schemas.test.ts fails when one is stale and validates real outputs.
// Run: npx tsx scripts/gen-schema.ts [--check]  (--check: exit 1 naming the stale files, write none)

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { HistoryOutputSchema } from '../src/audit/history/contract.ts';
import { auditOutputJsonSchema } from '../src/audit/report/schema.ts';
import { parseOutputSchema } from '../src/core/model.ts';
import { FixReportSchema } from '../src/fix/contract.ts';
import { LabStatusSchema } from '../src/lab/status.ts';
import { ProbeReportSchema } from '../src/probe/types.ts';
import { writeFileAtomicSync } from '../src/write-atomic.ts';

export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema');

/** JSON Schema (draft 2020-12) of a zod contract, with the id and title of its committed file. */
function jsonSchema(schema: z.ZodType, file: string, title: string): Record<string, unknown> {
  return {
    ...z.toJSONSchema(schema, { target: 'draft-2020-12' }),
    $id: `https://smartlic.invalid/schema/${file}`,
    title,
  };
}

/** The JSON Schema of `smartlic parse --json`. */
export function parseOutputJsonSchema(): Record<string, unknown> {
  return jsonSchema(parseOutputSchema, 'parse-output.schema.json', 'smartlic parse --json');
}

/** Every committed schema file and what it holds. */
export const SCHEMAS: ReadonlyArray<{ file: string; build: () => Record<string, unknown> }> = [
  { file: 'parse-output.schema.json', build: parseOutputJsonSchema },
  // The audit report's schema keeps its own builder beside its contract (src/audit/report/schema.ts).
  { file: 'audit-output.schema.json', build: auditOutputJsonSchema },
  {
    file: 'probe-output.schema.json',
    build: () => jsonSchema(ProbeReportSchema, 'probe-output.schema.json', 'smartlic probe --json'),
  },
  {
    file: 'lab-status.schema.json',
    build: () =>
      jsonSchema(LabStatusSchema, 'lab-status.schema.json', 'smartlic lab status --json, GET /v1/status'),
  },
  {
    file: 'history-output.schema.json',
    build: () => jsonSchema(HistoryOutputSchema, 'history-output.schema.json', 'smartlic history --json'),
  },
  {
    file: 'fix-output.schema.json',
    build: () => jsonSchema(FixReportSchema, 'fix-output.schema.json', 'smartlic fix --json'),
  },
];

/** The text a schema file must hold. */
export const schemaText = (build: () => Record<string, unknown>) => `${JSON.stringify(build(), null, 2)}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { file, build } of SCHEMAS) {
    const path = join(SCHEMA_DIR, file);
    const text = schemaText(build);
    if (check) {
      let committed = '';
      try {
        committed = readFileSync(path, 'utf8');
      } catch {}
      if (committed !== text) {
        stale++;
        process.stderr.write(`${path} is stale: run npm run schema\n`);
      }
    } else {
      writeFileAtomicSync(path, text);
      process.stdout.write(`wrote ${path}\n`);
    }
  }
  process.exitCode = stale === 0 ? 0 : 1;
}
