// The `--json` view: the report itself, the audit contract (schema/audit-output.schema.json).

import type { AuditReport } from './contract.ts';
import { jsonText } from './escape.ts';

/** Pretty JSON of the report, newline-terminated. */
export function renderJson(report: AuditReport): string {
  return `${jsonText(report)}\n`;
}
