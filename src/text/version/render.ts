// Renderers for `show version` and `show license features`, column-aligned as the corpus shows.
// From the parse contract's data alone, the licensing-relevant lines; with VersionDetails (the
// emulator), every line a real device of the family prints, in its capture's order and shape.

import type { FeatureLine, ShowVersionData } from '../../core/model.ts';
import type { PlatformFamily } from '../../core/platforms.ts';
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

/**
 * How a family lays out `show version` around the licensing lines, each from its real capture:
 * `asav` (corpus hpreston, genieparser-asa 1, ntc-templates 1), `firepower` (unicon FPR-2130),
 * `chassis` (genieparser-asa 3, FPR9K-SM-24 in a 9300), `classic` (ntc-templates 4, ISA 3000).
 */
export type VersionStyle = 'asav' | 'firepower' | 'chassis' | 'classic';

/**
 * The style each family prints. [assumed] Firepower 1000/3100 as the 2100, the 4100 as the 9300,
 * the 5500-X as the ISA 3000 (no capture of those families is in the corpus).
 */
export const VERSION_STYLE: Readonly<Record<PlatformFamily, VersionStyle>> = {
  ASAv: 'asav',
  FPR1000: 'firepower',
  FPR2100: 'firepower',
  FPR3100: 'firepower',
  FPR4100: 'chassis',
  FPR9300: 'chassis',
  ISA3000: 'classic',
  ASA5500X: 'classic',
};

export interface VersionInterface {
  index: number;
  internal: boolean;
  name: string;
  /** `5254.0009.21e0`. */
  mac: string;
  irq: number;
}

/**
 * The lines of `show version` that carry no licensing facts (the parser passes over them, so they
 * are not in the parse contract): the emulator prints a whole `show version` with them.
 */
export interface VersionDetails {
  style: VersionStyle;
  /** Which operating-system line `fxosVersion` is printed as. */
  osLine?: 'fxos' | 'ssp';
  /** `Compiled on <this> by builders`. */
  compiledOn: string;
  imageFile?: string;
  failoverUptime?: string;
  /** `Start-up time <this>` (9.22 and later), under the uptime lines. */
  startupTime?: string;
  sspSlot?: number;
  storage?: string[];
  cryptoAccelerator?: string[];
  interfaces?: VersionInterface[];
  /** PAK: `Running Permanent Activation Key:`. */
  activationKey?: string;
  /** Who changed the running configuration last and when (`show clock` layout); absent: not since boot. */
  lastModified?: { by: string; at: string };
}

const OS_LINE = {
  fxos: 'Firepower Extensible Operating System Version',
  ssp: 'SSP Operating System Version',
} as const;

/**
 * `%2d: Ext: %-20s: address is …, irq N`. The FPR-2130 capture prints the index unpadded (`1: Int:`);
 * its source is a mock that may have trimmed the lines, so this follows the capture [observed, mock].
 */
function interfaceLine(i: VersionInterface, style: VersionStyle): string {
  const index = style === 'firepower' ? String(i.index) : String(i.index).padStart(2);
  return `${index}: ${i.internal ? 'Int' : 'Ext'}: ${i.name.padEnd(20)}: address is ${i.mac}, irq ${i.irq}`;
}

function softwareLine(d: ShowVersionData): string[] {
  if (!d.software) return [];
  const context = d.software.context ? ` <${d.software.context}>` : '';
  return [`Cisco Adaptive Security Appliance Software Version ${d.software.version}${context}`];
}

function hardwareLines(d: ShowVersionData): string[] {
  const out: string[] = [];
  if (d.hardware) {
    const h = d.hardware;
    const ram = h.ramMb !== undefined ? `, ${h.ramMb} MB RAM` : '';
    // Single-CPU virtual platforms end the line with a comma; multi-core ones print `N CPUs (M cores)`.
    const cpu = h.cpu !== undefined ? `, CPU ${h.cpu}${/\bCPUs? \(/.test(h.cpu) ? '' : ','}` : '';
    out.push(`Hardware:   ${h.model}${ram}${cpu}`);
  }
  if (d.modelId !== undefined) out.push(`Model Id:   ${d.modelId}`);
  return out;
}

/** The lines after `Serial Number:`, as each family's capture ends. */
function tail(x: VersionDetails): string[] {
  const modified = x.lastModified
    ? `Configuration last modified by ${x.lastModified.by} at ${x.lastModified.at}`
    : 'Configuration has not been modified since last system restart.';
  switch (x.style) {
    case 'asav':
      return ['', 'Image type          : Release', 'Key version         : A', '', modified];
    case 'classic':
      return [
        ...(x.activationKey ? [`Running Permanent Activation Key: ${x.activationKey}`] : []),
        'Configuration register is 0x1',
        'Image type                : Release',
        'Key Version               : A',
        modified,
      ];
    // The 9300 capture ends with its feature blocks: its tail is the 2100's [assumed].
    case 'firepower':
    case 'chassis':
      return [modified];
  }
}

/** `show version` as a device of the details' family prints it, every line of its capture. */
function renderFull(d: ShowVersionData, x: VersionDetails): string {
  const out: string[] = ['', ...softwareLine(d)];
  if (d.fxosVersion !== undefined) out.push(`${OS_LINE[x.osLine ?? 'fxos']} ${d.fxosVersion}`);
  if (d.deviceManagerVersion !== undefined) out.push(`Device Manager Version ${d.deviceManagerVersion}`);
  out.push('', `Compiled on ${x.compiledOn} by builders`);
  if (x.imageFile !== undefined)
    out.push(`System image file is "${x.imageFile}"`, 'Config file at boot was "startup-config"');
  out.push('');
  if (d.hostname !== undefined) out.push(`${d.hostname} up ${d.uptime ?? '0 secs'}`);
  if (x.failoverUptime !== undefined) out.push(`failover cluster up ${x.failoverUptime}`);
  if (x.startupTime !== undefined) out.push(`Start-up time ${x.startupTime}`);
  out.push('');
  if (x.sspSlot !== undefined) out.push(`SSP Slot Number: ${x.sspSlot}`, '');
  const storage = x.storage ?? [];
  out.push(...hardwareLines(d), ...storage, '');
  // Flash lines are followed by two blank lines (ASAv, ISA 3000), the Hardware line alone by one.
  if (storage.length > 0) out.push('');
  if (x.cryptoAccelerator) out.push(...x.cryptoAccelerator, '');
  out.push(...(x.interfaces ?? []).map((i) => interfaceLine(i, x.style)));
  const header = licenceHeader(d);
  // The ISA 3000 prints its activation-key warning right under the interfaces; the others a blank first.
  if (!(x.style === 'classic' && header.length > 0)) out.push('');
  out.push(...header);
  const scope = d.featuresScope ?? 'platform';
  out.push(...featureBlock('Licensed features', scope, d.features));
  // The 9300 capture leaves two blank lines before the failover cluster block.
  if (x.style === 'chassis' && d.failoverClusterFeatures) out.push('');
  out.push(...featureBlock('Failover cluster licensed features', scope, d.failoverClusterFeatures));
  if (d.platformLicenseSummary !== undefined) out.push(d.platformLicenseSummary, '');
  if (d.serialNumber !== undefined) out.push(`Serial Number: ${d.serialNumber}`);
  out.push(...tail(x));
  return finish(out);
}

/**
 * `show version`. With `details` (the emulator), the whole output in the family's layout; without,
 * the licensing-relevant lines the data holds.
 */
export function renderShowVersion(d: ShowVersionData, details?: VersionDetails): string {
  if (details) return renderFull(d, details);
  const out: string[] = [...softwareLine(d)];
  if (d.fxosVersion !== undefined) out.push(`${OS_LINE.fxos} ${d.fxosVersion}`);
  if (d.deviceManagerVersion !== undefined) out.push(`Device Manager Version ${d.deviceManagerVersion}`);
  out.push('');
  if (d.hostname !== undefined) out.push(`${d.hostname} up ${d.uptime ?? '0 secs'}`, '');
  const hardware = hardwareLines(d);
  if (hardware.length > 0) out.push(...hardware, '');
  out.push(...licenceHeader(d), ...featureBlocks(d));
  if (d.serialNumber !== undefined) out.push(`Serial Number: ${d.serialNumber}`, '');
  return finish(out);
}

/** `show license features`: the licence header lines and the feature blocks. */
export function renderShowLicenseFeatures(d: ShowVersionData): string {
  return finish(['', ...licenceHeader(d), ...featureBlocks(d)]);
}
