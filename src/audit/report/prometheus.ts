// node_exporter textfile-collector metrics for an audit: days to the communication deadline and
// to registration expiry, licensing state and worst severity per device. Written atomically by
// the caller (node_exporter may read the file at any moment).

import { AUTHORIZATION_STATUS_WORDS, REGISTRATION_STATUS_WORDS } from '../../core/model.ts';
import { type AuditReport, type DeviceAudit, severityRank } from './contract.ts';

type Sample = [Record<string, string>, number];

/** The Prometheus text exposition of a report. */
export function renderPrometheus(report: AuditReport): string {
  const out: string[] = [];
  // Every metric is a gauge: each audit states the values anew.
  const metric = (name: string, help: string, samples: Sample[]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const [labels, value] of samples) out.push(`${name}${labelText(labels)} ${formatValue(value)}`);
  };
  const devs = report.devices;
  const base = (d: DeviceAudit) => ({ device: d.device });

  metric(
    'smartlic_communication_deadline_days',
    'Days from the audit time to the Smart Licensing communication deadline (negative once passed).',
    devs
      .filter((d) => d.facts.daysToDeadline !== null)
      .map((d) => [base(d), d.facts.daysToDeadline as number]),
  );
  metric(
    'smartlic_registration_expiry_days',
    'Days from the audit time to the registration (ID certificate) expiry (negative once passed).',
    devs
      .filter((d) => d.facts.daysToRegistrationExpiry !== null)
      .map((d) => [base(d), d.facts.daysToRegistrationExpiry as number]),
  );
  metric(
    'smartlic_registration_state',
    'Registration status word per device: 1 for the current state.',
    devs.flatMap((d) => stateSamples(d, REGISTRATION_STATUS_WORDS, d.facts.registration)),
  );
  metric(
    'smartlic_authorization_state',
    'Authorization status word per device: 1 for the current state.',
    devs.flatMap((d) => stateSamples(d, AUTHORIZATION_STATUS_WORDS, d.facts.authorization)),
  );
  metric(
    'smartlic_deadline_passed',
    '1 when the communication deadline has passed at the audit time.',
    devs.map((d) => [base(d), d.facts.deadlinePassed ? 1 : 0]),
  );
  metric(
    'smartlic_worst_severity',
    'Worst finding per device: 0 ok, 1 info, 2 warning, 3 critical.',
    devs.map((d) => [{ ...base(d), severity: d.worst }, severityRank(d.worst)]),
  );
  metric(
    'smartlic_finding',
    'One sample per finding of a device (code and severity as labels), for alerts on a specific code.',
    devs.flatMap((d) =>
      d.findings.map((f) => [{ ...base(d), code: f.code, severity: f.severity }, 1] as Sample),
    ),
  );
  metric(
    'smartlic_advisory',
    'One sample per Cisco advisory that applies to a device.',
    devs.flatMap((d) => d.advisories.map((a) => [{ ...base(d), id: a.id }, 1] as Sample)),
  );
  metric(
    'smartlic_collection_ok',
    '1 when the device was collected and parsed, 0 when collection failed.',
    devs.map((d) => [base(d), d.ok ? 1 : 0]),
  );
  metric('smartlic_audit_timestamp_seconds', 'When the audited snapshot was evaluated (Unix time).', [
    [{}, Math.floor(Date.parse(report.now) / 1000)],
  ]);
  return `${out.join('\n')}\n`;
}

function stateSamples(d: DeviceAudit, known: readonly string[], current: string | null): Sample[] {
  const word = current?.split(' - ')[0] ?? null;
  const states = word && !known.includes(word) ? [...known, word] : known;
  return states.map((s) => [{ device: d.device, state: s }, s === word ? 1 : 0]);
}

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

/** Prometheus label escaping: backslash, double quote and newline. */
export function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function formatValue(v: number): string {
  return Number.isFinite(v) ? String(v) : 'NaN';
}
