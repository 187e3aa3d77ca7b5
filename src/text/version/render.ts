// Renderers for `show version` (smart-licensed platforms: ASAv, Firepower) and
// `show license features`, column-aligned as the corpus shows. Only what the data holds is
// printed; the interface list, flash and compile lines carry no licensing facts and are omitted.

import type { FeatureLine, ShowVersionData } from '../../core/model.ts';
import { renderFeatureLine } from './features.ts';

function licenceHeader(d: ShowVersionData): string[] {
  const out: string[] = [];
  if (d.licenseMode !== undefined) out.push(`License mode: ${d.licenseMode}`);
  if (d.licenseReservation !== undefined)
    out.push(`License reservation: ${d.licenseReservation ? 'Enabled' : 'Disabled'}`);
  if (d.licenseState !== undefined) out.push(`License state: ${d.licenseState}`);
  if (d.platformLicenseState !== undefined)
    out.push(`ASAv Platform License State: ${d.platformLicenseState}`);
  if (d.activeEntitlement !== undefined)
    out.push(
      `Active entitlement: ${d.activeEntitlement}${d.enforceMode ? `, enforce mode: ${d.enforceMode}` : ''}`,
    );
  if (d.throughputLimit !== undefined) out.push(`Firewall throughput limited to ${d.throughputLimit}`);
  if (d.notes) out.push(...d.notes);
  if (out.length) out.push('');
  return out;
}

function featureBlock(heading: string, scope: string, features: FeatureLine[] | undefined): string[] {
  if (!features) return [];
  return [`${heading} for this ${scope}:`, ...features.map(renderFeatureLine), ''];
}

function featureBlocks(d: ShowVersionData): string[] {
  const scope = d.featuresScope ?? 'platform';
  const out = featureBlock('Licensed features', scope, d.features);
  out.push(...featureBlock('Failover cluster licensed features', scope, d.failoverClusterFeatures));
  if (d.platformLicenseSummary !== undefined) out.push(d.platformLicenseSummary, '');
  return out;
}

const finish = (lines: string[]) => `${lines.join('\n').replace(/\n+$/, '')}\n`;

/** `show version`, as a current smart-licensed ASA prints it (licensing-relevant lines). */
export function renderShowVersion(d: ShowVersionData): string {
  const out: string[] = [];
  if (d.software)
    out.push(
      `Cisco Adaptive Security Appliance Software Version ${d.software.version}${d.software.context ? ` <${d.software.context}>` : ''}`,
    );
  if (d.fxosVersion !== undefined) out.push(`Firepower Extensible Operating System Version ${d.fxosVersion}`);
  if (d.deviceManagerVersion !== undefined) out.push(`Device Manager Version ${d.deviceManagerVersion}`);
  out.push('');
  if (d.hostname !== undefined) out.push(`${d.hostname} up ${d.uptime ?? '0 secs'}`, '');
  if (d.hardware) {
    const h = d.hardware;
    const ram = h.ramMb !== undefined ? `, ${h.ramMb} MB RAM` : '';
    // Single-CPU virtual platforms end the line with a comma; multi-core ones print `N CPUs (M cores)`.
    const cpu = h.cpu !== undefined ? `, CPU ${h.cpu}${/\bCPUs? \(/.test(h.cpu) ? '' : ','}` : '';
    out.push(`Hardware:   ${h.model}${ram}${cpu}`);
  }
  if (d.modelId !== undefined) out.push(`Model Id:   ${d.modelId}`);
  if (d.hardware || d.modelId !== undefined) out.push('');
  out.push(...licenceHeader(d), ...featureBlocks(d));
  if (d.serialNumber !== undefined) out.push(`Serial Number: ${d.serialNumber}`, '');
  return finish(out);
}

/** `show license features`: the licence header lines and the feature blocks. */
export function renderShowLicenseFeatures(d: ShowVersionData): string {
  return finish(['', ...licenceHeader(d), ...featureBlocks(d)]);
}
