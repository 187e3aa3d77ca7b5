// The terminal view of an audit: the fleet summary first (states, findings, transports, what to
// do first), then one row per device, worst first, then per device its findings, notes,
// advisories, the events ahead and the fix. `--summary` stops after the rows. A view over the
// JSON report, nothing more. Colour only when asked (a TTY).

import pc from 'picocolors';
import type { AuditReport, DeviceAudit, DeviceState, Severity, TimelineEvent } from './contract.ts';
import { stateOf } from './contract.ts';
import { terminalSafe } from './escape.ts';
import { groupByMessage, namesOf } from './grouped.ts';
import { boxTable } from './text-table.ts';
import { isoSecond } from './when.ts';

export interface TableOptions {
  /** Colour output (a TTY without NO_COLOR). */
  color: boolean;
  /** Print the per-device details under the table (default true). */
  details?: boolean;
  /** The short form: summary and rows only, no details or fixes (`--summary`). */
  summary?: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;

/** Render the whole report for a terminal. */
export function renderTable(given: AuditReport, opts: TableOptions): string {
  // Device text (names, platforms, failure reasons) with no escape sequence left in it.
  const report = terminalSafe(given);
  const c = pc.createColors(opts.color);
  // One line per device, boxed as cli-table3 draws it, in time linear in the fleet (text-table.ts).
  const table = boxTable(
    [
      'device',
      'platform / version',
      'transport',
      'registration',
      'authorization',
      'deadline',
      'reg. expiry',
      'worst',
    ],
    report.devices.map((d) => row(d, c)),
  );
  const parts = [fleetSummary(report, c), table];
  if (!opts.summary && opts.details !== false) for (const d of report.devices) parts.push(details(d, c));
  return `${parts.join('\n\n')}\n`;
}

/**
 * The fleet summary: states, findings, transports, what to do first and the notes, grouped. The
 * report is renderTable's, already made terminal-safe.
 */
function fleetSummary(report: AuditReport, c: Colors): string {
  const s = report.summary;
  const lines = [
    `${c.bold(
      `Smart Licensing audit at ${isoSecond(report.now)}: ${s.devices} device${s.devices === 1 ? '' : 's'}`,
    )} — ${stateCounts(report, c)}`,
  ];
  const findings = Object.entries(s.byFinding).sort((a, b) => b[1] - a[1]);
  if (findings.length) lines.push(`findings: ${findings.map(([code, n]) => `${code} ${n}`).join(', ')}`);
  const transports = Object.entries(s.byTransport).sort((a, b) => b[1] - a[1]);
  if (transports.length) lines.push(`transports: ${transports.map(([t, n]) => `${t} ${n}`).join(', ')}`);
  if (s.actions.length) {
    lines.push('what to do first:');
    s.actions.forEach((a, i) => {
      lines.push(`  ${i + 1}. ${paintState(c, a.state, `[${a.state}]`)} ${a.what}: ${namesOf(a.devices, 8)}`);
    });
  }
  const notes = groupByMessage(
    report.devices.flatMap((d) => d.notes.map((n) => ({ subject: d.device, message: n }))),
  );
  for (const g of notes) lines.push(`note: ${namesOf(g.subjects)}: ${g.message}`);
  return lines.join('\n');
}

function stateCounts(report: AuditReport, c: Colors): string {
  const b = report.summary.byState;
  return [
    paintState(c, 'critical', `${b.critical} critical`),
    paintState(c, 'warning', `${b.warning} warning`),
    paintState(c, 'unknown', `${b.unknown} not checked`),
    paintState(c, 'ok', `${b.ok} ok`),
  ].join(', ');
}

function row(d: DeviceAudit, c: Colors): string[] {
  const f = d.facts;
  const worstFinding = d.findings[0];
  const transport = f.transport
    ? `${f.transport.type}${f.transport.proxy ? ` via ${f.transport.proxy.host}` : ''}`
    : '-';
  return [
    d.device,
    [f.platform, f.version].filter(Boolean).join(' ') || '-',
    transport,
    // The status word only (`REGISTERING`), the detail is in the JSON and the HTML.
    f.registration?.split(' - ')[0] ?? '-',
    f.authorization ?? '-',
    days(f.daysToDeadline, f.deadlinePassed),
    days(f.daysToRegistrationExpiry, false),
    paint(c, d.worst, worstFinding ? `${d.worst} ${worstFinding.code}` : d.worst) +
      (d.advisories.length ? ` + ${d.advisories.map((a) => a.id).join(', ')}` : ''),
  ];
}

function days(n: number | null, passed: boolean): string {
  if (n === null) return passed ? 'passed' : '-';
  return n < 0 ? `${-n}d ago` : `${n}d`;
}

function paint(c: Colors, s: Severity, text: string): string {
  return paintState(c, stateOf(s), text, s === 'info');
}

function paintState(c: Colors, s: DeviceState, text: string, info = false): string {
  if (s === 'critical') return c.red(c.bold(text));
  if (s === 'warning') return c.yellow(text);
  if (s === 'unknown') return c.magenta(text);
  return info ? c.cyan(text) : c.green(text);
}

/** One event: its sentence, and the assumption its date rests on. */
function eventLine(t: TimelineEvent): string {
  return `    ${t.event}${t.assumption ? ` [assumed: ${t.assumption}]` : ''}`;
}

function details(d: DeviceAudit, c: Colors): string {
  const lines = [c.bold(`== ${d.device}${d.facts.name !== d.device ? ` (${d.facts.name})` : ''}`)];
  if (d.error) lines.push(`  not checked: ${d.error.phase} ${d.error.code}: ${d.error.message}`);
  if (d.findings.length) {
    lines.push('  findings:');
    for (const f of d.findings)
      lines.push(`    ${paint(c, f.severity, `[${f.severity}] ${f.code}`)} ${f.summary}`);
  }
  for (const n of d.notes) lines.push(`  note: ${n}`);
  if (d.advisories.length) {
    lines.push('  advisories:');
    for (const a of d.advisories) {
      lines.push(`    ${a.id}: ${a.reason}`, `      ${a.summary}`);
    }
  }
  const expected = d.timeline.filter((t) => t.basis === 'expected');
  const whatIf = d.timeline.filter((t) => t.basis === 'hypothetical');
  if (expected.length) {
    lines.push('  ahead unless it is fixed:');
    for (const t of expected) lines.push(eventLine(t));
  }
  if (whatIf.length) {
    lines.push(c.dim('  only if connectivity broke now (it communicates today):'));
    for (const t of whatIf) lines.push(c.dim(eventLine(t)));
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
