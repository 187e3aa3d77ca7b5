// The terminal view of a fix run: per device the plan (the change, why, the exact lines, how it
// is verified) and, once applied, what came of it; then one summary line. A view over the JSON
// report. Device text is printed with its control characters shown, not obeyed.

import pc from 'picocolors';
import { terminalText } from '../audit/report/escape.ts';
import type { FixDevice, FixOutcome, FixReport } from './contract.ts';
import { RENEW_COMMANDS } from './verify.ts';

const WORDS: Record<FixOutcome, string> = {
  'nothing-to-do': 'nothing to do',
  planned: 'planned',
  fixed: 'fixed',
  skipped: 'skipped',
  failed: 'failed',
  'rolled-back': 'rolled back',
  'not-applied': 'not applied',
  'rollback-failed': 'ROLLBACK FAILED',
};

type Colors = ReturnType<typeof pc.createColors>;

function paint(c: Colors, outcome: FixOutcome, text: string): string {
  if (outcome === 'fixed' || outcome === 'nothing-to-do') return c.green(text);
  if (outcome === 'rollback-failed') return c.red(text);
  if (outcome === 'planned') return c.cyan(text);
  return c.yellow(text);
}

/** One device's block. */
export function renderDevice(d: FixDevice, c: Colors = pc.createColors(false)): string {
  const out = [
    `== ${terminalText(d.device)}: ${paint(c, d.outcome, WORDS[d.outcome])}: ${terminalText(d.message)}`,
  ];
  const row = (label: string, lines: string[]) => {
    lines.forEach((line, i) => {
      out.push(`   ${(i === 0 ? label : '').padEnd(9)} ${terminalText(line)}`);
    });
  };
  const p = d.plan;
  if (p && (p.action === 'change' || p.action === 'renew')) {
    row('strategy', [p.strategy ?? '-']);
    row(
      'why',
      p.why.map((w) => `${w.code} (${w.severity}) ${w.summary}`),
    );
    row('evidence', p.evidence);
    if (p.lines.length) row('change', [...p.parents, ...p.lines.map((l) => `  ${l}`)]);
    row(
      'renew',
      p.renew.map((w) => RENEW_COMMANDS[w]),
    );
    if (p.verify) row('verify', [p.verify]);
    if (p.rollback.length) row('rollback', [...p.parents, ...p.rollback.map((l) => `  ${l}`)]);
    row('warning', p.warnings);
  } else if (p && p.action === 'skip') row('evidence', p.evidence);
  const r = d.result;
  if (r) {
    if (r.renewal) row('renewal', [`${r.renewal.result}: ${r.renewal.detail}`]);
    if (r.rollback) row('rollback', [r.rollback.detail]);
    if (r.transportAfter)
      row('now', [
        r.transportAfter.lines.length
          ? r.transportAfter.lines.join(', ')
          : `${r.transportAfter.type ?? '?'} (no transport lines)`,
      ]);
  }
  return out.join('\n');
}

/** The whole run for a terminal. */
export function renderFixReport(report: FixReport, opts: { color: boolean }): string {
  const c = pc.createColors(opts.color);
  const head =
    report.mode === 'plan'
      ? `smartlic fix: plan at ${report.generatedAt} (nothing is changed without --apply)`
      : `smartlic fix: applied at ${report.generatedAt}`;
  const parts = [head, ...report.devices.map((d) => renderDevice(d, c))];
  const counts = Object.entries(report.summary.byOutcome)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => `${n} ${WORDS[o as FixOutcome]}`)
    .join(', ');
  let tail = `${report.summary.devices} device(s): ${counts || 'none'}`;
  if (report.mode === 'plan' && report.summary.byOutcome.planned > 0)
    tail += '. Run again with --apply to make the planned changes.';
  parts.push(tail);
  return `${parts.join('\n\n')}\n`;
}
