// What `show version` says about a box besides licensing, per platform family: memory and CPU,
// flash and BIOS lines, the interface list, the crypto accelerator, the chassis slot, which
// operating-system line it prints and how its boot image is named; and per release, the Device
// Manager, FXOS and compile lines. Every value says where it comes from: [observed] a real capture
// in test/fixtures/corpus, [derived] test/fixtures/derived (built by hand from a capture),
// [assumed] not in our sources. MAC addresses are left to the caller (they are per box).

import type { PlatformInfo } from './platforms.ts';
import { asaImageName, tryParseAsaVersion, versionAtLeast } from './version.ts';

export interface InterfaceFact {
  /** The number `show version` prints before the interface. */
  index: number;
  name: string;
  /** `Int:` (internal) rather than `Ext:`. */
  internal: boolean;
  irq: number;
}

export interface PlatformHardware {
  ramMb: number;
  /** After `CPU ` on the Hardware line (`Xeon E5 series 2200 MHz`, `MIPS 1200 MHz, 1 CPU (12 cores)`). */
  cpu: string;
  /** The flash and BIOS lines printed under Hardware. */
  storage: string[];
  /** The `Encryption hardware device` block, verbatim. */
  cryptoAccelerator?: string[];
  interfaces: InterfaceFact[];
  /** `SSP Slot Number:` of a security module in a chassis. */
  sspSlot?: number;
  /** Where these values come from. */
  source: string;
}

const seq = (from: number, names: string[], irqs: number[], internal = false): InterfaceFact[] =>
  names.map((name, i) => ({ index: from + i, name, internal, irq: irqs[i % irqs.length] as number }));

// [observed] corpus genieparser-asa 1 (ASAv10 9.8): Management0/0 and GigabitEthernet0/0-0/6,
// irq 11, 11, 10, 10, …; ntc-templates 1 (9.5) the same list.
const ASAV_INTERFACES = seq(
  0,
  ['Management0/0', ...Array.from({ length: 7 }, (_, i) => `GigabitEthernet0/${i}`)],
  [11, 11, 10, 10],
);
// [observed] corpus ASAv10 captures (all three print these lines).
const ASAV_STORAGE = [
  'Internal ATA Compact Flash, 8192MB',
  'Slot 1: ATA Compact Flash, 8192MB',
  'BIOS Flash Firmware Hub @ 0x0, 0KB',
];
/** ASAv memory per model. [observed] ASAv10 2048 MB; the others [assumed: Cisco's ASAv data sheet]. */
const ASAV_RAM: Record<string, number> = {
  ASAv5: 2048,
  ASAv10: 2048,
  ASAv30: 8192,
  ASAv50: 16384,
  ASAv100: 32768,
};

// [observed] corpus unicon-plugins FPR-2130 (its list, as the mock keeps it).
const FPR2100: PlatformHardware = {
  ramMb: 14852,
  cpu: 'MIPS 1200 MHz, 1 CPU (12 cores)',
  storage: [],
  interfaces: [
    { index: 1, name: 'Internal-Data0/1', internal: true, irq: 0 },
    { index: 3, name: 'Management1/1', internal: false, irq: 0 },
    { index: 4, name: 'Internal-Data1/1', internal: true, irq: 0 },
  ],
  source: 'observed: corpus unicon-plugins FPR-2130',
};

// [observed] corpus genieparser-asa 3 (FPR9K-SM-24 in a Firepower 9300).
const CHASSIS: PlatformHardware = {
  ramMb: 230696,
  cpu: 'Xeon E5 series 2200 MHz, 2 CPUs (48 cores)',
  storage: [],
  cryptoAccelerator: [
    'Encryption hardware device : Cisco FP Crypto on-board accelerator (revision 0x1)',
    '                             Boot microcode        : CN35x-MC-Boot-0001',
    '                             SSL/IKE microcode     : CNN35x-MC-SSL-0014',
    '                             IPSec microcode       : CNN35x-MC-IPSEC-0005',
    '                             Number of accelerators: 2',
  ],
  interfaces: [
    { index: 4099, name: 'Internal-Data0/0', internal: true, irq: 11 },
    { index: 4101, name: 'Internal-Data0/1', internal: true, irq: 5 },
    { index: 4102, name: 'Internal-Data0/2', internal: true, irq: 0 },
  ],
  sspSlot: 1,
  source: 'observed: corpus genieparser-asa 3 FPR9K-SM-24',
};

// [observed] corpus ntc-templates 4 (ISA-3000-2C2F, 9.16).
const ISA3000: PlatformHardware = {
  ramMb: 8192,
  cpu: 'Atom C2000 series 1250 MHz, 1 CPU (4 cores)',
  storage: ['Internal ATA Compact Flash, 14336MB', 'BIOS Flash M25P64 @ 0xfed01000, 16384KB'],
  interfaces: [
    ...seq(
      1,
      ['GigabitEthernet1/1', 'GigabitEthernet1/2', 'GigabitEthernet1/3', 'GigabitEthernet1/4'],
      [255],
    ),
    { index: 5, name: 'Internal-Data1/1', internal: true, irq: 255 },
    { index: 6, name: 'Internal-Data1/2', internal: true, irq: 0 },
    { index: 7, name: 'Internal-Control1/1', internal: true, irq: 0 },
    { index: 8, name: 'Internal-Data1/3', internal: true, irq: 0 },
    { index: 9, name: 'Management1/1', internal: false, irq: 0 },
    { index: 10, name: 'Internal-Data1/4', internal: true, irq: 0 },
  ],
  source: 'observed: corpus ntc-templates 4 ISA-3000-2C2F',
};

// [derived] test/fixtures/derived/show-version__asa5512x-pak.txt: an ASA 5512-X's hardware line,
// flash and interface names set into the ISA 3000's capture by hand; no real 5500-X capture.
const ASA5500X: PlatformHardware = {
  ramMb: 4096,
  cpu: 'Clarkdale 2793 MHz, 1 CPU (2 cores)',
  storage: ['Internal ATA Compact Flash, 4096MB', 'BIOS Flash MX25L6445E @ 0xffbb0000, 8192KB'],
  interfaces: [
    ...seq(
      1,
      Array.from({ length: 6 }, (_, i) => `GigabitEthernet0/${i}`),
      [255, 255, 255, 255, 255, 0],
    ),
    { index: 7, name: 'Internal-Data0/0', internal: true, irq: 0 },
    { index: 8, name: 'Internal-Data0/1', internal: true, irq: 0 },
    { index: 9, name: 'Management0/0', internal: false, irq: 0 },
    { index: 10, name: 'Internal-Control0/0', internal: true, irq: 0 },
  ],
  source: 'derived: test/fixtures/derived ASA 5512-X (no real capture of a 5500-X)',
};

const ASSUMED_LIKE = (family: string, like: string) =>
  `assumed: no capture of a ${family}; the values are the ${like}'s`;

/** The hardware `show version` prints for a platform. */
export function platformHardware(p: PlatformInfo): PlatformHardware {
  switch (p.family) {
    case 'ASAv':
      return {
        ramMb: ASAV_RAM[p.model] ?? 2048,
        cpu: 'Xeon E5 series 2200 MHz',
        storage: ASAV_STORAGE,
        interfaces: ASAV_INTERFACES,
        source:
          p.model === 'ASAv10' || p.model === 'ASAv'
            ? 'observed: corpus ASAv10 (hpreston, genieparser-asa 1)'
            : 'observed: corpus ASAv10, memory from the data sheet (assumed)',
      };
    case 'FPR2100':
      return p.model === 'FPR-2130' ? FPR2100 : { ...FPR2100, source: ASSUMED_LIKE(p.model, 'FPR-2130') };
    case 'FPR1000':
    case 'FPR3100':
      return { ...FPR2100, source: ASSUMED_LIKE(p.family, 'FPR-2130') };
    case 'FPR9300':
      return p.model === 'FPR9K-SM-24'
        ? CHASSIS
        : { ...CHASSIS, source: ASSUMED_LIKE(p.model, 'FPR9K-SM-24') };
    case 'FPR4100':
      return { ...CHASSIS, source: ASSUMED_LIKE(p.family, 'FPR9K-SM-24') };
    case 'ISA3000':
      return ISA3000;
    case 'ASA5500X':
      return ASA5500X;
  }
}

/**
 * The operating-system line before `Device Manager Version`: [observed] ASAv 9.8 and 9.12 and the
 * FPR-2130 print `Firepower Extensible Operating System Version`, the FPR9K-SM-24 and the ISA 3000
 * `SSP Operating System Version`, the ASAv 9.5 none. [assumed] Firepower 1000/3100 as the 2100,
 * the 4100 as the 9300, the ASAv from 9.8 on, the 5500-X none (its derived fixture has none).
 */
export function operatingSystemLine(p: PlatformInfo, version: string): 'fxos' | 'ssp' | undefined {
  switch (p.family) {
    case 'ASAv':
      return versionAtLeast(version, '9.8(1)') ? 'fxos' : undefined;
    case 'FPR1000':
    case 'FPR2100':
    case 'FPR3100':
      return 'fxos';
    case 'FPR4100':
    case 'FPR9300':
    case 'ISA3000':
      return 'ssp';
    case 'ASA5500X':
      return undefined;
  }
}

// [observed] the pairs in the corpus: ASA release -> FXOS/SSP, Device Manager, compile stamp.
const RELEASES: Record<string, { os?: string; asdm: string; compiled: string }> = {
  '9.5(2)204': { asdm: '7.5(2)', compiled: 'Mon 15-Feb-16 19:00 PST' },
  '9.8(3)235': { os: '2.2(2.100)', asdm: '7.9(2)152', compiled: 'Thu 27-Sep-18 14:58 PDT' },
  '9.8(4)10': { os: '2.2(2.121)', asdm: '7.8(2)', compiled: 'Tue 20-Aug-19 12:46 PDT' },
  '9.12(2)': { os: '2.6(1.141)', asdm: '7.12(2)', compiled: 'Fri 24-May-19 12:22 PDT' },
  '9.14(2)15': { os: '2.8(1.164)', asdm: '7.7(1)150', compiled: 'Fri 16-Apr-21 04:55 GMT' },
  '9.16(3)19': { os: '2.10(1.207)', asdm: '7.18(1)152', compiled: 'Wed 03-Aug-22 03:28 GMT' },
};

export interface ReleaseLines {
  /** FXOS/SSP version printed with the release. */
  osVersion: string;
  deviceManagerVersion: string;
  /** `Compiled on <this> by builders`. */
  compiledOn: string;
  source: string;
}

/**
 * What `show version` prints about a release beside its number. Releases in the corpus print their
 * own values; for others: FXOS 2.(minor−6) (every corpus pair fits: 9.8→2.2, 9.12→2.6, 9.14→2.8,
 * 9.16→2.10) with build (1.100), Device Manager 7.<minor>(1), and a compile stamp, all [assumed].
 */
export function releaseLines(version: string): ReleaseLines {
  const known = RELEASES[version];
  const v = tryParseAsaVersion(version);
  const minor = v?.minor ?? 22;
  const os = `2.${Math.max(0, minor - 6)}(1.100)`;
  if (known)
    return {
      osVersion: known.os ?? os,
      deviceManagerVersion: known.asdm,
      compiledOn: known.compiled,
      source: `observed: corpus ${version}`,
    };
  return {
    osVersion: os,
    deviceManagerVersion: `7.${minor}(1)`,
    compiledOn: 'Thu 05-Sep-24 12:00 GMT',
    source: 'assumed: FXOS and ASDM numbering from the corpus pairs; compile stamp invented',
  };
}

/**
 * `Start-up time …`: how long the box took to boot, printed under the uptime lines from 9.22 on.
 * [reported] issue 12 lists it among the lines real 9.22 devices print; [assumed] its place (after
 * `<hostname> up` and `failover cluster up`), the releases before 9.22 not printing it, and the
 * duration (a boot of 41 s, the same on every platform).
 */
const STARTUP_TIME_SINCE = '9.22';
const STARTUP_MS = 41_000;

/** How long a device of this release took to start, as `show version` reports it; undefined: not printed. */
export function startupTimeMs(version: string): number | undefined {
  return versionAtLeast(version, STARTUP_TIME_SINCE) ? STARTUP_MS : undefined;
}

/**
 * `System image file is "…"`, or undefined where the family prints none. [observed] ASAv
 * `boot:/asa9122-smp-k8.bin`, ISA 3000 `disk0:/asa9-16-3-19-lfbff-k8.SPA`, FPR-2130 the FXOS
 * package `disk0:/mnt/boot/installables/switch/fxos-k8-fp2k-npu.2.2.2.100.SPA`, FPR9K-SM-24 none.
 * [assumed] FPR1000/3100 packages named like the 2100's (`fp1k`, `fp3k`), the 4100 as the 9300,
 * the 5505-X…5555-X `smp` images and 5506/5508/5516-X `lfbff` ones on disk0.
 */
export function systemImageFile(p: PlatformInfo, version: string, osVersion: string): string | undefined {
  const os = osVersion.replace(/[()]/g, '.').replace(/\.+/g, '.').replace(/\.$/, '');
  switch (p.family) {
    case 'ASAv':
      return `boot:/${asaImageName(version, 'smp')}`;
    case 'FPR1000':
    case 'FPR2100':
    case 'FPR3100': {
      const box: Record<string, string> = { FPR1000: 'fp1k', FPR2100: 'fp2k', FPR3100: 'fp3k' };
      return `disk0:/mnt/boot/installables/switch/fxos-k8-${box[p.family]}-npu.${os}.SPA`;
    }
    case 'FPR4100':
    case 'FPR9300':
      return undefined;
    case 'ISA3000':
      return `disk0:/${asaImageName(version, 'lfbff')}`;
    case 'ASA5500X':
      return `disk0:/${asaImageName(version, /^ASA55(06|08|16)$/.test(p.model) ? 'lfbff' : 'smp')}`;
  }
}
