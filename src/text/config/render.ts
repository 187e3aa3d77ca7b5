// Renderers for `show running-config license` and `show running-config call-home`, with the
// ASA's one-space-per-level indentation (corpus: the mockdevices call-home capture).

import type { CallHomeConfig, LicenseConfig, RunningConfigData } from '../../core/model.ts';

const finish = (lines: string[]) => (lines.length ? `${lines.join('\n')}\n` : '');

function licenseLines(l: LicenseConfig | undefined): string[] {
  if (!l?.smart) return [];
  const out = ['license smart'];
  if (l.featureTier !== undefined) out.push(` feature tier ${l.featureTier}`);
  if (l.throughputLevel !== undefined) out.push(` throughput level ${l.throughputLevel}`);
  const t = l.transport;
  if (t?.type !== undefined) out.push(` transport type ${t.type}`);
  if (t?.url !== undefined) out.push(` transport url ${t.url}`);
  if (t?.proxy) out.push(` transport proxy ${t.proxy.host} port ${t.proxy.port}`);
  for (const o of l.other ?? []) out.push(` ${o}`);
  return out;
}

function callHomeLines(c: CallHomeConfig | undefined): string[] {
  if (!c) return [];
  const out: string[] = [];
  if (c.reportingAnonymous !== undefined)
    out.push(c.reportingAnonymous ? 'call-home reporting anonymous' : 'no call-home reporting anonymous');
  out.push('call-home');
  if (c.httpProxy) out.push(` http-proxy ${c.httpProxy.host} port ${c.httpProxy.port}`);
  for (const o of c.other ?? []) out.push(` ${o}`);
  for (const p of c.profiles) {
    out.push(` profile ${p.name}`);
    if (!p.active) out.push('  no active');
    for (const a of p.destinations.addressHttp ?? []) out.push(`  destination address http ${a}`);
    for (const a of p.destinations.addressEmail ?? []) out.push(`  destination address email ${a}`);
    const method = p.destinations.transportMethod ?? p.transportMethod;
    if (method !== undefined) out.push(`  destination transport-method ${method}`);
    for (const o of p.other ?? []) out.push(`  ${o}`);
  }
  return out;
}

/**
 * The `license smart` block for these settings as typed in configuration mode: the parent line and
 * its sub-commands, unindented, in the order the ASA prints them (`transport type callhome`).
 */
export function licenseSmartBlock(l: Omit<LicenseConfig, 'smart'>): { parent: string; lines: string[] } {
  const [parent = 'license smart', ...lines] = licenseLines({ ...l, smart: true });
  return { parent, lines: lines.map((line) => line.trim()) };
}

/** The configuration line that removes `line` (`no transport proxy HOST port PORT`). */
export function removalLine(line: string): string {
  return `no ${line}`;
}

/** `show running-config license`. */
export function renderRunningConfigLicense(d: RunningConfigData): string {
  return finish(licenseLines(d.license));
}

/** `show running-config call-home`. */
export function renderRunningConfigCallHome(d: RunningConfigData): string {
  return finish(callHomeLines(d.callHome));
}

/** The licensing-relevant lines of a full `show running-config`, in the order the ASA prints them. */
export function renderRunningConfig(d: RunningConfigData): string {
  const out: string[] = [];
  if (d.hostname !== undefined) out.push(`hostname ${d.hostname}`);
  out.push(...callHomeLines(d.callHome), ...licenseLines(d.license));
  return finish(out);
}
