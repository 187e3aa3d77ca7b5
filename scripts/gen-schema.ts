// `npm run schema`: writes schema/parse-output.schema.json from the zod schemas that mirror
// src/core/model.ts. A test fails when the committed file is stale.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseOutputSchema } from '../src/text/schema.ts';

/** The JSON Schema of `smartlic parse --json`. */
export function parseOutputJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(parseOutputSchema, { target: 'draft-2020-12' }),
    $id: 'https://smartlic.invalid/schema/parse-output.schema.json',
    title: 'smartlic parse --json',
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(dirname(fileURLToPath(import.meta.url)), '../schema/parse-output.schema.json');
  writeFileSync(`${out}.tmp`, `${JSON.stringify(parseOutputJsonSchema(), null, 2)}\n`);
  const { renameSync } = await import('node:fs');
  renameSync(`${out}.tmp`, out);
  console.log(`wrote ${out}`);
}
