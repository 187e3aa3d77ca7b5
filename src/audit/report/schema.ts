// The JSON Schema of `smartlic audit --json`, derived from the zod contract (never hand-written).

import { z } from 'zod';
import { AuditReportSchema } from './contract.ts';

/** JSON Schema (draft 2020-12) for the audit report. */
export function auditOutputJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(AuditReportSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://smartlic.invalid/schema/audit-output.schema.json',
    title: 'smartlic audit --json',
  };
}
