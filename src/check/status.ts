// `smartlic check`'s verdict: the audit report read as a monitoring plugin reads a service. Each
// device's state is its worst finding (info is OK, a device not checked is UNKNOWN), made worse by
// the -w/-c thresholds on its days to the communication deadline and to registration expiry; the
// service state is the worst device's (OK < UNKNOWN < WARNING < CRITICAL). Pure: report in, text
// and exit status out.

import type { AuditReport, DeviceAudit, DeviceState } from '../audit/report/contract.ts';
import { exitStatusFor, severityRank, stateOf, worse } from '../audit/report/contract.ts';
import { type Perf, pluginOutput } from './plugin-output.ts';
import { alerts, type Range } from './range.ts';

export interface Thresholds {
  warning?: Range;
  critical?: Range;
}

const WORD: Record<DeviceState, string> = {
  ok: 'OK',
  unknown: 'UNKNOWN',
  warning: 'WARNING',
  critical: 'CRITICAL',
};
/** Devices named on the status line; the long output names them all. */
const NAMED = 5;

/** One device as the plugin judges it: its state and why, in a few words. */
interface Judged {
  device: DeviceAudit;
  state: DeviceState;
  /** `AUTH_EXPIRED`, `COLLECTION_FAILED`, or `deadline in 20 days (-c 30:)`. */
  why: string;
}

function judge(d: DeviceAudit, t: Thresholds): Judged {
  let state = stateOf(d.worst);
  const top = d.findings[0];
  let why = top && state !== 'ok' ? top.code : '';
  if (state === 'unknown') return { device: d, state, why: d.error?.code ?? why };
  for (const [what, n] of [
    ['communication deadline', d.facts.daysToDeadline],
    ['registration expiry', d.facts.daysToRegistrationExpiry],
  ] as const) {
    if (n === null) continue;
    for (const [level, range] of [
      ['critical', t.critical],
      ['warning', t.warning],
    ] as const) {
      if (!range || !alerts(range, n)) continue;
      if (severityRank(level) > severityRank(state)) {
        state = level;
        why = `${what} ${n < 0 ? `${-n} days ago` : `in ${n} days`} (${level === 'critical' ? '-c' : '-w'} ${range.text})`;
      }
      break;
    }
  }
  return { device: d, state, why };
}

/** The plugin's output and exit status for a report. */
export function checkResult(report: AuditReport, t: Thresholds): { text: string; exit: number } {
  const judged = report.devices
    .map((d) => judge(d, t))
    .sort(
      (a, b) =>
        severityRank(b.state) - severityRank(a.state) || a.device.device.localeCompare(b.device.device),
    );
  const service = judged.reduce<DeviceState>((w, j) => worse(w, j.state), 'ok');
  const total = judged.length;
  const at = judged.filter((j) => j.state === service);
  const counts = (['critical', 'warning', 'unknown'] as const)
    .filter((s) => s !== service && judged.some((j) => j.state === s))
    .map((s) => `${judged.filter((j) => j.state === s).length} ${s === 'unknown' ? 'not checked' : s}`);
  const named = at
    .slice(0, NAMED)
    .map((j) => `${j.device.device} ${j.why}`.trim())
    .join(', ');
  const more = at.length > NAMED ? `, and ${at.length - NAMED} more` : '';
  const status =
    service === 'ok'
      ? `SMARTLIC OK - ${total} device${total === 1 ? '' : 's'} checked, none worse than info`
      : `SMARTLIC ${WORD[service]} - ${at.length} of ${total} devices${service === 'unknown' ? ' not checked' : ''}: ${named}${more}${counts.length ? ` (also ${counts.join(', ')})` : ''}`;
  const first: Perf[] = [
    { label: 'devices', value: total, min: 0 },
    ...(['critical', 'warning', 'unknown'] as const).map((s) => ({
      label: s,
      value: judged.filter((j) => j.state === s).length,
      min: 0,
    })),
  ];
  const long = judged.map((j) => longLine(j));
  const rest = judged.flatMap((j) => perfOf(j, t));
  return { text: pluginOutput(status, first, long, rest), exit: exitStatusFor(service) };
}

function longLine(j: Judged): string {
  const d = j.device;
  const f = d.facts;
  if (d.error) return `${WORD[j.state]} ${d.device}: not checked: ${d.error.code}: ${d.error.message}`;
  const top = d.findings.find((x) => x.severity !== 'info') ?? d.findings[0];
  const days = [
    f.daysToDeadline === null
      ? ''
      : f.daysToDeadline < 0
        ? `deadline passed ${-f.daysToDeadline} days ago`
        : `deadline in ${f.daysToDeadline} days`,
    f.daysToRegistrationExpiry === null ? '' : `registration expires in ${f.daysToRegistrationExpiry} days`,
    j.why && !d.findings.some((x) => x.code === j.why) ? j.why : '',
  ].filter(Boolean);
  return `${WORD[j.state]} ${d.device}: ${top ? `${top.code} ${top.summary}` : 'no finding'}${days.length ? ` [${days.join(', ')}]` : ''}`;
}

/** Per device: days to the communication deadline and to registration expiry; U when not checked. */
function perfOf(j: Judged, t: Thresholds): Perf[] {
  const d = j.device;
  const warn = t.warning?.text;
  const crit = t.critical?.text;
  const item = (what: string, value: number | null): Perf[] =>
    value === null && d.ok
      ? [] // The date does not apply (never registered): no series rather than a gap.
      : [
          {
            label: `${d.device} ${what}`,
            value: d.ok ? (value as number) : undefined,
            ...(warn ? { warn } : {}),
            ...(crit ? { crit } : {}),
          },
        ];
  return [
    ...item('comm_deadline_days', d.facts.daysToDeadline),
    ...item('reg_expiry_days', d.facts.daysToRegistrationExpiry),
  ];
}
