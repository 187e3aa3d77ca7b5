// node_exporter textfile-collector metrics for an audit (docs/metrics.md lists them): whether each
// device was checked, and for the devices that were, seconds to the communication deadline and to
// registration expiry, licensing state, transport and worst severity; findings and advisories as
// alertable series. Seconds are the base unit; every per-device metric has one series per device;
// a device that could not be collected has `smartlic_device_up 0` and no state series (its state
// is unknown, not zero). `promtool check metrics` holds the text to Prometheus' conventions.
// Written atomically by the caller (node_exporter may read the file at any moment).

import { SECOND } from '../../core/time.ts';
import type { AuditReport, DeviceAudit } from './contract.ts';

type Sample = [Record<string, string>, number];

/** The worst severity of a checked device as a number: what `smartlic_worst_severity` holds. */
export const SEVERITY_VALUE = { ok: 0, info: 1, warning: 2, critical: 3 } as const;

/** The Prometheus text exposition of a report. */
export function renderPrometheus(report: AuditReport): string {
  const out: string[] = [];
  // Every metric is a gauge: each audit states the values anew.
  const metric = (name: string, help: string, samples: Sample[]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
    for (const [labels, value] of samples) out.push(`${name}${labelText(labels)} ${formatValue(value)}`);
  };
  const now = Date.parse(report.now);
  const all = report.devices;
  // State series only for devices whose outputs were read: a failed collection is unknown, not 0.
  const up = all.filter((d) => d.ok);
  const base = (d: DeviceAudit) => ({ device: d.device });
  const at = (iso: string | null) => (iso === null ? Number.NaN : Date.parse(iso));
  const dated = (pick: (d: DeviceAudit) => string | null) => up.filter((d) => !Number.isNaN(at(pick(d))));

  metric(
    'smartlic_device_up',
    '1 when the device was collected and its outputs read, 0 when it could not be checked.',
    all.map((d) => [base(d), d.ok ? 1 : 0]),
  );
  metric(
    'smartlic_communication_deadline_timestamp_seconds',
    'When the Smart Licensing communication deadline is (Unix time; authorization expires then without a successful communication).',
    dated((d) => d.facts.communicationDeadline).map((d) => [
      base(d),
      at(d.facts.communicationDeadline) / SECOND,
    ]),
  );
  metric(
    'smartlic_communication_deadline_remaining_seconds',
    'Seconds from the audit evaluation time to the communication deadline (negative once passed).',
    dated((d) => d.facts.communicationDeadline).map((d) => [
      base(d),
      Math.round((at(d.facts.communicationDeadline) - now) / SECOND),
    ]),
  );
  metric(
    'smartlic_registration_expiry_timestamp_seconds',
    'When the registration (ID certificate) expires (Unix time).',
    dated((d) => d.facts.registrationExpires).map((d) => [base(d), at(d.facts.registrationExpires) / SECOND]),
  );
  metric(
    'smartlic_registration_expiry_remaining_seconds',
    'Seconds from the audit evaluation time to the registration expiry (negative once passed).',
    dated((d) => d.facts.registrationExpires).map((d) => [
      base(d),
      Math.round((at(d.facts.registrationExpires) - now) / SECOND),
    ]),
  );
  metric(
    'smartlic_deadline_passed',
    '1 when the communication deadline has passed at the audit evaluation time, else 0.',
    up.map((d) => [base(d), d.facts.deadlinePassed ? 1 : 0]),
  );
  metric(
    'smartlic_registration_info',
    'The registration status word of each checked device, as a label (value always 1).',
    up
      .filter((d) => d.facts.registration !== null)
      .map((d) => [{ ...base(d), status: statusWord(d.facts.registration) }, 1]),
  );
  metric(
    'smartlic_authorization_info',
    'The authorization status word of each checked device, as a label (value always 1).',
    up
      .filter((d) => d.facts.authorization !== null)
      .map((d) => [{ ...base(d), status: statusWord(d.facts.authorization) }, 1]),
  );
  metric(
    'smartlic_transport_info',
    'The licensing transport of each checked device: type (smart, callhome, ...), url and proxy (host:port, empty when none); value always 1.',
    up.flatMap((d) => {
      const t = d.facts.transport;
      if (!t) return [];
      const proxy = t.proxy ? `${t.proxy.host}:${t.proxy.port}` : '';
      return [[{ ...base(d), type: t.type, url: t.url ?? '', proxy }, 1] as Sample];
    }),
  );
  metric(
    'smartlic_worst_severity',
    'Worst finding of each checked device: 0 ok, 1 info, 2 warning, 3 critical.',
    up.flatMap((d) => (d.worst === 'unknown' ? [] : [[base(d), SEVERITY_VALUE[d.worst]] as Sample])),
  );
  metric(
    'smartlic_finding',
    'One series per finding of a device (its code and severity as labels, value always 1), for alerts on a specific code.',
    all.flatMap((d) =>
      d.findings.map((f) => [{ ...base(d), code: f.code, severity: f.severity }, 1] as Sample),
    ),
  );
  metric(
    'smartlic_advisory',
    'One series per Cisco advisory that applies to a checked device (value always 1).',
    up.flatMap((d) => d.advisories.map((a) => [{ ...base(d), id: a.id }, 1] as Sample)),
  );
  metric('smartlic_audit_timestamp_seconds', 'When the audited snapshot was evaluated (Unix time).', [
    [{}, Math.floor(now / SECOND)],
  ]);
  return `${out.join('\n')}\n`;
}

/** `REGISTERING` from `REGISTERING - REGISTRATION IN PROGRESS`: the word alerts match on. */
function statusWord(value: string | null): string {
  return (value ?? '').split(' - ')[0] ?? '';
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
