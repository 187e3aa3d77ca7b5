// Parser for `show version` and `show license features`: the software/hardware header, the
// licence header lines (mode, reservation, platform state, entitlement, throughput limit, AWS
// licensing) and the "Licensed features for this platform / user context" blocks (smart and PAK,
// failover cluster). Lines that are part of `show version` but say nothing about licensing
// (interfaces, flash, compile date) are skipped quietly; anything else becomes a warning.

import type { FeatureLine, ParseWarning, ShowVersionData } from '../../core/model.ts';
import { expandCollapsed, labelMatcher, occursTwice } from '../collapsed.ts';
import type { ParseResult } from '../license/parse.ts';
import type { Line } from '../normalize.ts';
import { FEATURE_NAMES, parseFeatureLine } from './features.ts';

const HEADER_LABELS = [
  'Licensed features for this platform:',
  'Licensed features for this user context:',
  'Failover cluster licensed features for this platform:',
  'Failover cluster licensed features for this user context:',
  'License mode:',
  'License reservation:',
  'License state:',
  'ASAv Platform License State:',
  'Active entitlement:',
  'No active entitlement:',
  'Firewall throughput limited to',
  'Serial Number:',
];
const MATCHER = labelMatcher([...HEADER_LABELS, ...FEATURE_NAMES.map((n) => `${n} :`)]);
const looksCollapsed = (t: string) =>
  t.length > 90 || occursTwice(t, ' : ') || /features for this [a-z ]+: \S/.test(t);

// Lines of `show version` that carry no licensing facts (kept out of warnings on purpose).
const QUIET = [
  /^Compiled on /,
  /^System image file is /,
  /^Config file at boot was /,
  /^Configuration (last modified|has not been modified|register is)/,
  /^\d+: (Ext|Int): /,
  /^Internal ATA Compact Flash/,
  /^Slot \d+: /,
  /^BIOS Flash /,
  /^Encryption hardware device/,
  /^(Boot|SSL\/IKE|IPSec) microcode\s*:/,
  /^Number of accelerators:/,
  /^Image type\s*:/,
  /^Key [Vv]ersion\s*:/,
  /^SSP Slot Number:/,
  /^Running (Permanent|Timebased) Activation Key:/,
  /^failover cluster up /,
  /^Cisco Adaptive Security Appliance Software Version/,
];

/** Parses the lines of one `show version` or `show license features` output. */
export function parseShowVersionLines(input: Line[]): ParseResult<ShowVersionData> {
  const lines = expandCollapsed(input, MATCHER, looksCollapsed);
  const data: ShowVersionData = {};
  const warnings: ParseWarning[] = [];
  let block: FeatureLine[] | undefined;
  const warn = (line: Line, message: string) =>
    warnings.push({ line: line.n, message, text: line.text.trim() });
  const note = (t: string) => {
    data.notes ??= [];
    data.notes.push(t);
  };

  for (const line of lines) {
    const t = line.text.trim();
    if (t === '') continue;
    let m: RegExpExecArray | null;

    if ((m = /^(Failover cluster l|L)icensed features for this (platform|user context):$/i.exec(t))) {
      const scope = m[2]?.toLowerCase() === 'platform' ? 'platform' : 'user context';
      data.featuresScope ??= scope;
      block = [];
      if (m[1]?.startsWith('F')) data.failoverClusterFeatures = block;
      else data.features = block;
      continue;
    }
    if (block) {
      const f = parseFeatureLine(t);
      if (
        f &&
        !/^Serial Number$/i.test(f.name) &&
        !/^Image type$/i.test(f.name) &&
        !/^Key version$/i.test(f.name)
      ) {
        block.push(f);
        continue;
      }
      block = undefined;
    }
    if ((m = /^Cisco Adaptive Security Appliance Software Version (\S+)(?:\s+<([^>]+)>)?/.exec(t))) {
      data.software = m[2] ? { version: m[1] ?? '', context: m[2] } : { version: m[1] ?? '' };
      continue;
    }
    if ((m = /^(?:Firepower Extensible|SSP) Operating System Version (\S+)/.exec(t))) {
      data.fxosVersion = m[1] ?? '';
      continue;
    }
    if ((m = /^Device Manager Version (\S+)/.exec(t))) {
      data.deviceManagerVersion = m[1] ?? '';
      continue;
    }
    if ((m = /^Hardware:\s+([^,]+)(?:,\s*(\d+) MB RAM)?(?:,\s*CPU (.*?))?,?$/.exec(t))) {
      const [, model = '', ram, cpu] = m;
      data.hardware = { model: model.trim() };
      if (ram) data.hardware.ramMb = Number(ram);
      if (cpu) data.hardware.cpu = cpu;
      continue;
    }
    if ((m = /^Model Id:\s+(\S+)/.exec(t))) {
      data.modelId = m[1] ?? '';
      continue;
    }
    if ((m = /^Serial Number:\s*(\S+)/.exec(t))) {
      data.serialNumber = m[1] ?? '';
      continue;
    }
    if ((m = /^License mode:\s*(.+)$/i.exec(t))) {
      data.licenseMode = m[1] ?? '';
      continue;
    }
    if ((m = /^License reservation:\s*(\S+)/i.exec(t))) {
      data.licenseReservation = /^enabled$/i.test(m[1] ?? '');
      continue;
    }
    if ((m = /^License state:\s*(.+)$/i.exec(t))) {
      data.licenseState = m[1] ?? '';
      continue;
    }
    if ((m = /^ASAv Platform License State:\s*(.+)$/i.exec(t))) {
      data.platformLicenseState = m[1] ?? '';
      continue;
    }
    if ((m = /^Active entitlement:\s*([^,]+?)(?:,\s*enforce mode:\s*(.+))?$/i.exec(t))) {
      data.activeEntitlement = m[1] ?? '';
      if (m[2]) data.enforceMode = m[2];
      continue;
    }
    if ((m = /^Firewall throughput limited to (.+)$/i.exec(t))) {
      data.throughputLimit = m[1] ?? '';
      continue;
    }
    if ((m = /^This platform has an? (.+)$/.exec(t))) {
      data.platformLicenseSummary = t;
      continue;
    }
    if (
      /^No active entitlement:/i.test(t) ||
      /^\*?Memory resource allocation/i.test(t) ||
      /^The Running Activation Key/i.test(t) ||
      /^AWS Licensing/i.test(t) ||
      /^Warning:/i.test(t)
    ) {
      note(t);
      continue;
    }
    if ((m = /^(\S+) up (.+)$/.exec(t)) && !/^failover$/i.test(m[1] ?? '') && data.hostname === undefined) {
      data.hostname = m[1] ?? '';
      data.uptime = m[2] ?? '';
      continue;
    }
    if (QUIET.some((re) => re.test(t))) continue;
    warn(line, 'unrecognised line in a show version / show license features output');
  }
  return { data, warnings };
}
