// The audit face: pipeline, diagnosis and reports. `writeAuditOutputs` is what both
// `smartlic audit` and `smartlic demo` do with a finished report.

import { resolve } from 'node:path';
import type { CommandIo } from '../commands/io.ts';
import { EXIT, errorLine } from '../errors.ts';
import type { HistoryStore } from './history/store.ts';
import type { AuditReport } from './report/contract.ts';
import { renderHtml } from './report/html.ts';
import { renderJson } from './report/json.ts';
import { renderPrometheus } from './report/prometheus.ts';
import { renderTable } from './report/table.ts';
import { writeFileAtomic } from './report/write-atomic.ts';

export { diagnose } from './diagnose/index.ts';
export { snapshotFromOutputs } from './diagnose/parse-outputs.ts';
export type { AuditReport, DeviceAudit, Finding, Severity } from './report/contract.ts';
export { buildReport, reportExitStatus, runAudit } from './run.ts';
export { renderHtml, renderJson, renderPrometheus, renderTable };

export interface AuditOutputs {
  /** Print JSON instead of the table. */
  json: boolean;
  html?: string;
  prometheus?: string;
  /** The open history store to record the audit in and who records it, or null for none. */
  history: { store: HistoryStore; collector: string } | null;
  /** Print the per-device details under the table (default true). */
  details?: boolean;
  /** The text view's short form: one line per device and the fleet summary (`--summary`). */
  summary?: boolean;
}

/**
 * Print the report and write the requested files. Every output is attempted even when one
 * fails; a failure is one line on stderr and makes the result 4 (I/O), else 0.
 */
export async function writeAuditOutputs(
  report: AuditReport,
  out: AuditOutputs,
  io: CommandIo,
): Promise<number> {
  let status: number = EXIT.OK;
  const fail = (error: unknown) => {
    status = EXIT.RUN_FAILED;
    io.stderr.write(`smartlic: ${errorLine(error)}\n`);
  };
  if (out.json) io.stdout.write(renderJson(report));
  else {
    const color = Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
    io.stdout.write(renderTable(report, { color, details: out.details, summary: out.summary }));
  }
  if (out.html) await writeFileAtomic(resolve(io.cwd, out.html), renderHtml(report)).catch(fail);
  if (out.prometheus)
    await writeFileAtomic(resolve(io.cwd, out.prometheus), renderPrometheus(report)).catch(fail);
  if (out.history) {
    const { store, collector } = out.history;
    try {
      const { refused, duplicateNames } = await store.recordAudit(report, { collector });
      for (const name of duplicateNames) {
        io.stderr.write(
          `smartlic: warning: history: more than one device is named ${JSON.stringify(name)} in this audit: each is recorded\n`,
        );
      }
      for (const r of refused) {
        fail(
          `history ${store.where}: device ${JSON.stringify(r.device)} not recorded: ${r.reason} (the rest of the audit is)`,
        );
      }
    } catch (error) {
      fail(error);
    }
  }
  return status;
}
