// The terminal view of an audit: one row per device, then per device its findings, advisories,
// timeline and fix. A view over the JSON report, nothing more. Colour only when asked (a TTY).

import Table from 'cli-table3';
import pc from 'picocolors';
import type { AuditReport, DeviceAudit, Severity } from './contract.ts';

export interface TableOptions {
  /** Colour output (a TTY without NO_COLOR). */
  color: boolean;
  /** Print the per-device details under the table (default true). */
  details?: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;

/** Render the whole report for a terminal. */
export function renderTable(report: AuditReport, opts: TableOptions): string {
  const c = pc.createColors(opts.color);
  const table = new Table({
    head: [
      'device',
      'platform',
      'version',
      'transport',
      'registration',
      'authorization',
      'deadline',
      'reg. expiry',
      'worst',
    ],
    // cli-table3 colours head and border even when piped unless these are emptied (ecosystem.md).
    style: { head: [], border: [] },
  });
  for (const d of report.devices) table.push(row(d, c));
  const parts = [
    `Audit at ${report.now} — ${report.summary.devices} device(s): ${summaryLine(report, c)}`,
    table.toString(),
  ];
  if (opts.details !== false) for (const d of report.devices) parts.push(details(d, c));
  return `${parts.join('\n\n')}\n`;
}

function row(d: DeviceAudit, c: Colors): string[] {
  const f = d.facts;
  const worstFinding = d.findings[0];
  const transport = f.transport
    ? `${f.transport.type}${f.transport.proxy ? ` via ${f.transport.proxy.host}` : ''}`
    : '-';
  return [
    d.device,
    f.platform ?? '-',
    f.version ?? '-',
    transport,
    // The status word only (`REGISTERING`), the detail is in the JSON and the HTML.
    f.registration?.split(' - ')[0] ?? '-',
    f.authorization ?? '-',
    days(f.daysToDeadline, f.deadlinePassed),
    days(f.daysToRegistrationExpiry, false),
    paint(c, d.worst, worstFinding ? `${d.worst} ${worstFinding.code}` : d.worst) +
      (d.advisories.length ? `\n+ ${d.advisories.map((a) => a.id).join(', ')}` : ''),
  ];
}

function days(n: number | null, passed: boolean): string {
  if (n === null) return passed ? 'passed' : '-';
  return n < 0 ? `${-n}d ago` : `${n}d`;
}

function paint(c: Colors, s: Severity, text: string): string {
  if (s === 'critical') return c.red(c.bold(text));
  if (s === 'warning') return c.yellow(text);
  if (s === 'info') return c.cyan(text);
  return c.green(text);
}

function summaryLine(report: AuditReport, c: Colors): string {
  const b = report.summary.bySeverity;
  return [
    paint(c, 'critical', `${b.critical} critical`),
    paint(c, 'warning', `${b.warning} warning`),
    paint(c, 'info', `${b.info} info`),
    paint(c, 'ok', `${b.ok} ok`),
  ].join(', ');
}

function details(d: DeviceAudit, c: Colors): string {
  const lines = [c.bold(`== ${d.device}${d.facts.name !== d.device ? ` (${d.facts.name})` : ''}`)];
  if (d.error) lines.push(`  error: ${d.error.phase} ${d.error.code}: ${d.error.message}`);
  if (d.findings.length) {
    lines.push('  findings:');
    for (const f of d.findings)
      lines.push(`    ${paint(c, f.severity, `[${f.severity}] ${f.code}`)} ${f.summary}`);
  }
  if (d.advisories.length) {
    lines.push('  advisories:');
    for (const a of d.advisories) {
      lines.push(`    ${a.id}: ${a.reason}`, `      ${a.summary}`);
    }
  }
  if (d.timeline.length) {
    lines.push('  if connectivity stays broken:');
    for (const t of d.timeline) lines.push(`    ${t.event}`);
  }
  if (d.remediation.length) {
    lines.push('  fix:');
    for (const r of d.remediation) {
      lines.push(`    - ${r.why}`);
      for (const cli of r.cli) lines.push(`        ${cli}`);
      if (r.asdm) lines.push(`        ASDM: ${r.asdm}`);
    }
  }
  return lines.join('\n');
}
