// The human summary `smartlic parse` prints for each command found: the licensing facts a
// person looks for first (registration, authorization, deadline, transport, features), one
// labelled line each. Pure: data in, lines out.

import type {
  AttemptInfo,
  ParsedCommand,
  RunningConfigData,
  ShowVersionData,
  SmartLicenseData,
} from '../core/model.ts';

/** `2026-04-12 13:04:55 UTC` from an ISO time. */
export const shortTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

const row = (label: string, value: string) => `  ${`${label}:`.padEnd(17)}${value}`;
const attempt = (a: AttemptInfo | null | undefined) =>
  a === null
    ? 'none yet'
    : a
      ? `${a.result}${a.at ? ` ${shortTime(a.at)}` : ''}${a.failureReason ? ` (${a.failureReason})` : ''}`
      : undefined;

function licenseSummary(d: SmartLicenseData): string[] {
  const out: string[] = [];
  if (d.smartLicensing) out.push(row('Smart Licensing', d.smartLicensing));
  const r = d.registration;
  if (r) {
    const who = [r.smartAccount, r.virtualAccount].filter(Boolean).join(' / ');
    out.push(
      row(
        'Registration',
        `${r.status}${r.statusDetail ? ` - ${r.statusDetail}` : ''}${who ? ` (${who})` : ''}`,
      ),
    );
    if (r.exportControlled) out.push(row('Export-ctrl', r.exportControlled));
    if (r.initialRegistration) out.push(row('Initial reg.', attempt(r.initialRegistration) ?? ''));
    if (r.lastRenewalAttempt !== undefined)
      out.push(row('Last renewal', attempt(r.lastRenewalAttempt) ?? ''));
    if (r.nextRenewalAttempt) out.push(row('Next renewal', shortTime(r.nextRenewalAttempt)));
    if (r.nextRegistrationAttempt) out.push(row('Next reg. try', shortTime(r.nextRegistrationAttempt)));
    if (r.expires) out.push(row('Reg. expires', shortTime(r.expires)));
  }
  const a = d.authorization;
  if (a) {
    out.push(row('Authorization', `${a.status}${a.since ? ` since ${shortTime(a.since)}` : ''}`));
    if (a.lastCommunicationAttempt !== undefined)
      out.push(row('Last comm.', attempt(a.lastCommunicationAttempt) ?? ''));
    if (a.nextCommunicationAttempt) out.push(row('Next comm.', shortTime(a.nextCommunicationAttempt)));
    const cd = a.communicationDeadline;
    if (cd) out.push(row('Comm. deadline', cd.exceeded || !cd.at ? 'DEADLINE EXCEEDED' : shortTime(cd.at)));
    if (a.evaluationRemainingSeconds !== undefined)
      out.push(row('Eval remaining', `${(a.evaluationRemainingSeconds / 86400).toFixed(1)} days`));
  }
  const t = d.transport;
  if (t) {
    const proxy = t.proxy ? ` via proxy ${t.proxy.host}:${t.proxy.port}` : '';
    out.push(row('Transport', `${t.type}${t.url ? ` ${t.url}` : ''}${proxy}`));
  }
  if (d.usage) {
    const usage = d.usage.map(
      (u) => `${u.tag}${u.count !== undefined ? ` x${u.count}` : ''}${u.status ? ` ${u.status}` : ''}`,
    );
    out.push(row('Usage', usage.length ? usage.join(', ') : 'no licenses in use'));
  }
  if (d.udi) out.push(row('UDI', `${d.udi.pid} ${d.udi.sn}`));
  if (d.agentVersion) out.push(row('Agent', d.agentVersion));
  if (d.reservation) out.push(row('Reservation', d.reservation.enabled ? 'ENABLED' : 'DISABLED'));
  return out;
}

// The features people lose first when a licence lapses (seed, second condition).
const KEY_FEATURES = [
  'Encryption-3DES-AES',
  'AnyConnect Premium Peers',
  'Total TLS Proxy Sessions',
  'Security Contexts',
  'Failover',
];

function versionSummary(d: ShowVersionData): string[] {
  const out: string[] = [];
  if (d.software)
    out.push(
      row('Software', `ASA ${d.software.version}${d.software.context ? ` <${d.software.context}>` : ''}`),
    );
  if (d.hostname) out.push(row('Hostname', `${d.hostname}${d.uptime ? ` (up ${d.uptime})` : ''}`));
  if (d.hardware || d.modelId)
    out.push(row('Hardware', [d.hardware?.model, d.modelId].filter(Boolean).join(' / ')));
  if (d.serialNumber) out.push(row('Serial', d.serialNumber));
  if (d.licenseMode) out.push(row('License mode', d.licenseMode));
  if (d.licenseReservation !== undefined)
    out.push(row('Reservation', d.licenseReservation ? 'Enabled' : 'Disabled'));
  if (d.licenseState) out.push(row('License state', d.licenseState));
  if (d.platformLicenseState) out.push(row('Platform', d.platformLicenseState));
  if (d.activeEntitlement)
    out.push(
      row('Entitlement', `${d.activeEntitlement}${d.enforceMode ? ` (enforce mode: ${d.enforceMode})` : ''}`),
    );
  if (d.throughputLimit) out.push(row('Throughput', `limited to ${d.throughputLimit}`));
  if (d.platformLicenseSummary) out.push(row('PAK', d.platformLicenseSummary));
  if (d.features) {
    const key = d.features.filter((f) => KEY_FEATURES.includes(f.name)).map((f) => `${f.name} ${f.value}`);
    out.push(
      row(
        'Features',
        `${d.features.length} for this ${d.featuresScope ?? 'platform'}${key.length ? `; ${key.join(', ')}` : ''}`,
      ),
    );
  }
  if (d.failoverClusterFeatures)
    out.push(row('Failover clus.', `${d.failoverClusterFeatures.length} features`));
  for (const n of d.notes ?? []) out.push(row('Note', n));
  return out;
}

function configSummary(d: RunningConfigData): string[] {
  const out: string[] = [];
  if (d.hostname) out.push(row('Hostname', d.hostname));
  const l = d.license;
  if (l) {
    const parts = [l.smart ? 'license smart' : 'no license smart'];
    if (l.featureTier) parts.push(`feature tier ${l.featureTier}`);
    if (l.throughputLevel) parts.push(`throughput level ${l.throughputLevel}`);
    out.push(row('License', parts.join(', ')));
    const t = l.transport;
    out.push(
      row(
        'Transport',
        t
          ? [t.type ?? '(default)', t.url, t.proxy ? `proxy ${t.proxy.host}:${t.proxy.port}` : undefined]
              .filter(Boolean)
              .join(' ')
          : '(default for this release)',
      ),
    );
  }
  const c = d.callHome;
  if (c) {
    for (const p of c.profiles) {
      const where = [...(p.destinations.addressHttp ?? []), ...(p.destinations.addressEmail ?? [])].join(
        ', ',
      );
      out.push(
        row(
          `Profile`,
          `${p.name}${p.active ? '' : ' (inactive)'}${p.transportMethod ? ` via ${p.transportMethod}` : ''}${where ? ` -> ${where}` : ''}`,
        ),
      );
    }
    if (c.httpProxy) out.push(row('HTTP proxy', `${c.httpProxy.host}:${c.httpProxy.port}`));
  }
  return out;
}

/** Human lines for one parsed command (heading, facts, warnings). */
export function summarize(entry: ParsedCommand, startLine?: number): string[] {
  const where = startLine !== undefined ? ` (line ${startLine})` : '';
  const f = entry.filter;
  // A filtered output holds only what the filter let through: what it lacks is unknown.
  const filtered = f
    ? ` | ${f.type}${f.invert ? ' -v' : ''} ${f.pattern} (filtered: other fields unknown)`
    : '';
  const out = [`${entry.file}: ${entry.command}${filtered}${where}`];
  const d = entry.data;
  if (entry.command.startsWith('show license') && entry.command !== 'show license features')
    out.push(...licenseSummary(d as SmartLicenseData));
  else if (entry.command.startsWith('show running-config'))
    out.push(...configSummary(d as RunningConfigData));
  else out.push(...versionSummary(d as ShowVersionData));
  if (out.length === 1) out.push('  (no licensing facts in this output)');
  for (const w of entry.warnings)
    out.push(`  warning: ${entry.file}:${w.line}: ${w.message}${w.text ? `: ${w.text}` : ''}`);
  return out;
}
