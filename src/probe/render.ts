// The human view of a probe report: per URL a small table of steps with timings, then the
// verdict line. Colour only on a terminal.

import pc from 'picocolors';
import type { ProbeReport, StepStatus } from './types.ts';

const MARK: Record<StepStatus, string> = { pass: 'ok', fail: 'FAIL', skip: '-' };

/** Render the report as text; `color` adds ANSI colours. */
export function renderProbeText(report: ProbeReport, color = false): string {
  const c = color ? pc : pc.createColors(false);
  const paint = (status: StepStatus, text: string) =>
    status === 'pass' ? c.green(text) : status === 'fail' ? c.red(c.bold(text)) : c.dim(text);
  const out: string[] = [];
  for (const result of report.results) {
    const via = result.proxy ? ` via proxy ${result.proxy.host}:${result.proxy.port}` : '';
    out.push(c.bold(`${result.url}${via}`));
    for (const step of result.steps) {
      const ms = step.ms === null ? '' : `${step.ms.toFixed(1)} ms`;
      out.push(
        `  ${step.step.padEnd(6)} ${paint(step.status, MARK[step.status].padEnd(5))} ${ms.padStart(10)}  ${step.summary}`,
      );
    }
    const verdict = result.ok ? c.green('PASS') : c.red(c.bold(`FAIL at ${result.verdict.failedStep}`));
    out.push(`  ${verdict}: ${result.verdict.explanation}`);
    for (const note of result.verdict.notes) out.push(c.dim(`  note: ${note}`));
    out.push('');
  }
  const failed = report.results.filter((r) => !r.ok).length;
  out.push(
    failed === 0
      ? c.green(`all ${report.results.length} reachable`)
      : c.red(`${failed} of ${report.results.length} unreachable`),
  );
  return `${out.join('\n')}\n`;
}
