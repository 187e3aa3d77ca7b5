// Renderers for `show license all`, `show license status` and `show license summary`. They print
// what a current ASA prints (agent 4.x layout, 2-space indents, corpus NTC-4 and the seed's
// samples), or the agent 1.x layout on request. Sections are printed only when the data has them,
// so a snapshot holding only Utility/Data Privacy/Transport prints exactly the seed's sample.

import type { AttemptInfo, SmartLicenseData } from '../../core/model.ts';
import { type DateLayout, formatCiscoDate, formatCiscoDuration } from '../dates.ts';
import { ATTEMPT_LABELS, printTransportType } from './words.ts';

export interface LicenseRenderOptions {
  /** `4x` (default): `Jan 12 2026 13:09:43 UTC`, upper-case words; `1x`: agent 1.x dates and spellings. */
  layout?: DateLayout;
}

const flagWord = (v: boolean) => (v ? 'ENABLED' : 'DISABLED');

function attemptText(a: AttemptInfo, layout: DateLayout, comm = false): string {
  // Agent 1.x said SUCCESS for communication attempts; registration attempts were SUCCEEDED.
  const word = a.result === 'SUCCEEDED' && comm && layout === '1x' ? 'SUCCESS' : a.result;
  return a.at ? `${word} on ${formatCiscoDate(a.at, layout)}` : word;
}

function exportText(w: string, layout: DateLayout): string {
  if (layout !== '1x') return w;
  return w === 'ALLOWED' ? 'Allowed' : w === 'NOT ALLOWED' ? 'Not Allowed' : w;
}

function attemptLines(out: string[], label: string, a: AttemptInfo | null, layout: DateLayout, comm = false) {
  out.push(`  ${label}: ${a === null ? 'None' : attemptText(a, layout, comm)}`);
  if (a?.failureReason !== undefined) out.push(`    Failure reason: ${a.failureReason}`);
}

function registrationBlock(d: SmartLicenseData, layout: DateLayout, summary: boolean): string[] {
  const r = d.registration;
  if (!r) return [];
  const out = ['Registration:'];
  out.push(`  Status: ${r.status}${r.statusDetail ? ` - ${r.statusDetail}` : ''}`);
  if (r.smartAccount !== undefined) out.push(`  Smart Account: ${r.smartAccount}`);
  if (r.virtualAccount !== undefined) out.push(`  Virtual Account: ${r.virtualAccount}`);
  if (r.exportControlled)
    out.push(`  Export-Controlled Functionality: ${exportText(r.exportControlled, layout)}`);
  if (r.initialRegistration && !summary)
    attemptLines(out, 'Initial Registration', r.initialRegistration, layout);
  if (r.lastRenewalAttempt !== undefined)
    attemptLines(out, ATTEMPT_LABELS.renewal, r.lastRenewalAttempt, layout);
  if (r.nextRenewalAttempt)
    out.push(`  Next Renewal Attempt: ${formatCiscoDate(r.nextRenewalAttempt, layout)}`);
  if (r.nextRegistrationAttempt)
    out.push(`  Next Registration Attempt: ${formatCiscoDate(r.nextRegistrationAttempt, layout)}`);
  if (r.expires && !summary) out.push(`  Registration Expires: ${formatCiscoDate(r.expires, layout)}`);
  out.push('');
  return out;
}

function authorizationBlock(d: SmartLicenseData, layout: DateLayout, summary: boolean): string[] {
  const a = d.authorization;
  if (!a) return [];
  // Agent 1.x printed a trailing blank after this heading (corpus NTC-1/3).
  const out = [layout === '1x' ? 'License Authorization: ' : 'License Authorization:'];
  const since = a.since && !summary ? ` on ${formatCiscoDate(a.since, layout)}` : '';
  out.push(`  Status: ${a.status}${since}`);
  if (a.evaluationRemainingSeconds !== undefined)
    out.push(`  Evaluation Period Remaining: ${formatCiscoDuration(a.evaluationRemainingSeconds)}`);
  if (a.evaluationExpired)
    out.push(`  Evaluation Period Expired: ${formatCiscoDate(a.evaluationExpired, layout)}`);
  if (a.lastCommunicationAttempt !== undefined) {
    const last = a.lastCommunicationAttempt;
    attemptLines(
      out,
      ATTEMPT_LABELS.communication,
      summary && last ? { result: last.result } : last,
      layout,
      true,
    );
  }
  if (a.nextCommunicationAttempt)
    out.push(`  Next Communication Attempt: ${formatCiscoDate(a.nextCommunicationAttempt, layout)}`);
  if (a.communicationDeadline && !summary) {
    const cd = a.communicationDeadline;
    const text = cd.exceeded || !cd.at ? 'DEADLINE EXCEEDED' : formatCiscoDate(cd.at, layout);
    out.push(`  Communication Deadline: ${text}`);
  }
  out.push('');
  return out;
}

/**
 * Agent 4.9.3 prints `Callhome hostname privacy` 4 spaces in (issue 12, from a real 4.9.3 capture:
 * ntc-templates' show_license_all5, not in our fixtures); 4.3.6 prints it at 2 like its neighbours
 * (corpus ntc-templates 4). Builds between the two are [assumed] to print as 4.3.6.
 */
function callhomePrivacyIndent(agentVersion: string | undefined): string {
  const m = /^(\d+)\.(\d+)/.exec(agentVersion ?? '');
  const at49 = m !== null && (Number(m[1]) > 4 || (Number(m[1]) === 4 && Number(m[2]) >= 9));
  return at49 ? '    ' : '  ';
}

function settingsBlocks(d: SmartLicenseData): string[] {
  const out: string[] = [];
  if (d.exportAuthorizationKey) {
    out.push('Export Authorization Key:', '  Features Authorized:');
    const f = d.exportAuthorizationKey.featuresAuthorized;
    out.push(...(f.length ? f.map((x) => `    ${x}`) : ['    <none>']), '');
  }
  if (d.utility) out.push('Utility:', `  Status: ${d.utility.status}`, '');
  const p = d.dataPrivacy;
  if (p) {
    out.push('Data Privacy:');
    if (p.sendingHostname !== undefined) out.push(`  Sending Hostname: ${p.sendingHostname ? 'yes' : 'no'}`);
    if (p.callhomeHostnamePrivacy !== undefined)
      out.push(
        `${callhomePrivacyIndent(d.agentVersion)}Callhome hostname privacy: ${flagWord(p.callhomeHostnamePrivacy)}`,
      );
    if (p.smartLicensingHostnamePrivacy !== undefined)
      out.push(`  Smart Licensing hostname privacy: ${flagWord(p.smartLicensingHostnamePrivacy)}`);
    if (p.versionPrivacy !== undefined) out.push(`  Version privacy: ${flagWord(p.versionPrivacy)}`);
    out.push('');
  }
  const t = d.transport;
  if (t) {
    out.push('Transport:', `  Type: ${printTransportType(t.type)}`);
    if (t.url !== undefined) out.push(`  URL: ${t.url}`);
    // ASSUMPTION: no ASA sample shows a configured proxy here; we print it the way other Smart
    // Agent products do (Address/Port under Proxy:).
    if (t.proxy === null) out.push('  Proxy:', '    Not Supported');
    else if (t.proxy) out.push('  Proxy:', `    Address: ${t.proxy.host}`, `    Port: ${t.proxy.port}`);
    if (t.vrf === null) out.push('  VRF:', '    Not Supported');
    else if (t.vrf !== undefined) out.push('  VRF:', `    ${t.vrf}`);
    out.push('');
  }
  return out;
}

function usageBlock(d: SmartLicenseData): string[] {
  if (!d.usage) return [];
  const out = ['License Usage', '==============', ''];
  if (d.usage.length === 0) return [...out, 'No licenses in use', ''];
  for (const u of d.usage) {
    out.push(`${u.name ? `${u.name} ` : ''}(${u.tag}):`);
    if (u.description !== undefined) out.push(`  Description: ${u.description}`);
    if (u.count !== undefined) out.push(`  Count: ${u.count}`);
    if (u.version !== undefined) out.push(`  Version: ${u.version}`);
    if (u.status !== undefined) out.push(`  Status: ${u.status}`);
    if (u.exportStatus !== undefined) out.push(`  Export status: ${u.exportStatus}`);
    out.push('');
  }
  return out;
}

function tailBlocks(d: SmartLicenseData): string[] {
  const out: string[] = [];
  if (d.udi)
    out.push('Product Information', '===================', `UDI: PID:${d.udi.pid},SN:${d.udi.sn}`, '');
  if (d.agentVersion !== undefined)
    out.push('Agent Version', '=============', `Smart Agent for Licensing: ${d.agentVersion}`, '');
  if (d.reservation)
    out.push(
      'Reservation Info',
      '================',
      `License reservation: ${flagWord(d.reservation.enabled)}`,
      '',
    );
  return out;
}

const joinLines = (lines: string[]) => `${lines.join('\n').replace(/\n+$/, '')}\n`;

/** `show license all`: the full status, usage, product and agent blocks. */
export function renderShowLicenseAll(d: SmartLicenseData, opts: LicenseRenderOptions = {}): string {
  const layout = opts.layout ?? '4x';
  const out = ['', 'Smart Licensing Status', '======================', ''];
  if (d.smartLicensing) out.push(`Smart Licensing is ${d.smartLicensing}`, '');
  out.push(...registrationBlock(d, layout, false), ...authorizationBlock(d, layout, false));
  out.push(...settingsBlocks(d), ...usageBlock(d), ...tailBlocks(d));
  return joinLines(out);
}

/**
 * `show license status`: `Smart Licensing is …`, then Utility, Data Privacy, Transport (the seed's
 * sample, line for line), then Registration and License Authorization when the data has them.
 */
export function renderShowLicenseStatus(d: SmartLicenseData, opts: LicenseRenderOptions = {}): string {
  const layout = opts.layout ?? '4x';
  const out: string[] = [];
  if (d.smartLicensing) out.push(`Smart Licensing is ${d.smartLicensing}`, '');
  out.push(...settingsBlocks(d));
  out.push(...registrationBlock(d, layout, false), ...authorizationBlock(d, layout, false));
  return joinLines(out);
}

/**
 * `show license summary`. ASSUMPTION: no ASA sample of this output is in our sources; the layout
 * follows the Smart Agent family (status words without dates, a usage table). Cisco's own
 * scripts only grep it for `Status: REGISTERED`, which it prints.
 */
export function renderShowLicenseSummary(d: SmartLicenseData, opts: LicenseRenderOptions = {}): string {
  const layout = opts.layout ?? '4x';
  const out: string[] = [];
  if (d.smartLicensing) out.push(`Smart Licensing is ${d.smartLicensing}`, '');
  out.push(...registrationBlock(d, layout, true), ...authorizationBlock(d, layout, true));
  if (d.usage) {
    out.push('License Usage:');
    if (d.usage.length === 0) out.push('  No licenses in use');
    else {
      out.push(`  ${'License'.padEnd(24)}${'Entitlement tag'.padEnd(30)}Count Status`, `  ${'-'.repeat(77)}`);
      for (const u of d.usage)
        out.push(
          `  ${u.name.padEnd(23)} ${`(${u.tag})`.padEnd(30)}${String(u.count ?? 1).padStart(5)} ${u.status ?? ''}`,
        );
    }
  }
  return joinLines(out);
}
