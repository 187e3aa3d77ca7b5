// Parser for `show license all`, `show license status` and `show license summary`: they print
// subsets of the same sections, so one label-driven reader serves all three. Unknown lines never
// throw; they come back as warnings with their line number in the file.

import type {
  AttemptInfo,
  AuthorizationInfo,
  ParseWarning,
  RegistrationInfo,
  SmartLicenseData,
  TransportInfo,
  UsageEntry,
} from '../../core/model.ts';
import { expandCollapsed, labelMatcher } from '../collapsed.ts';
import { parseCiscoDate, parseCiscoDuration } from '../dates.ts';
import type { Line } from '../normalize.ts';
import {
  AUTHORIZATION_WORDS,
  exportWord,
  flagOf,
  parseAttempt,
  REGISTRATION_WORDS,
  transportTypeOf,
} from './words.ts';

/** Labels that start a line in these outputs; used to rebuild lines from collapsed pastes. */
export const LICENSE_LABELS = [
  'Smart Licensing Status',
  'Smart Licensing is',
  'Registration:',
  'Status:',
  'Smart Account:',
  'Virtual Account:',
  'Export-Controlled Functionality:',
  'Initial Registration:',
  'Last Renewal Attempt:',
  'Failure reason:',
  'Next Renewal Attempt:',
  'Next Registration Attempt:',
  'Registration Expires:',
  'License Authorization:',
  'Last Communication Attempt:',
  'Next Communication Attempt:',
  'Communication Deadline:',
  'Evaluation Period Remaining:',
  'Evaluation Period Expired:',
  'Export Authorization Key:',
  'Features Authorized:',
  'Utility:',
  'Data Privacy:',
  'Sending Hostname:',
  'Callhome hostname privacy:',
  'Smart Licensing hostname privacy:',
  'Version privacy:',
  'Transport:',
  'Type:',
  'URL:',
  'Proxy:',
  'Address:',
  'Port:',
  'VRF:',
  'License Usage',
  'No licenses in use',
  'Product Information',
  'UDI:',
  'Agent Version',
  'Smart Agent for Licensing:',
  'Reservation Info',
  'License reservation:',
  'Description:',
  'Count:',
  'Version:',
  'Export status:',
];
// Underlines (`======`) of collapsed headings: cut before the run and right after it.
const MATCHER = labelMatcher(LICENSE_LABELS, ['={3,}', '(?<==\\s+)(?=[^=\\s])']);
// Cheap pre-check: a clean line holds at most one `label: value`; collapsed ones hold several.
function looksCollapsed(t: string): boolean {
  if (t.length > 80) return true;
  const first = t.indexOf(': ');
  if (first < 0) return false;
  return t.indexOf(': ', first + 2) >= 0 || t.charCodeAt(t.length - 1) === 58;
}

type Section =
  | 'top'
  | 'registration'
  | 'authorization'
  | 'exportKey'
  | 'utility'
  | 'privacy'
  | 'transport'
  | 'proxy'
  | 'vrf'
  | 'usage'
  | 'product'
  | 'agent'
  | 'reservation';

const HEADINGS = new Map<string, Section>(
  Object.entries({
    'registration:': 'registration',
    'license authorization:': 'authorization',
    'export authorization key:': 'exportKey',
    'utility:': 'utility',
    'data privacy:': 'privacy',
    'transport:': 'transport',
    'license usage': 'usage',
    'license usage:': 'usage',
    'product information': 'product',
    'agent version': 'agent',
    'reservation info': 'reservation',
  }) as [string, Section][],
);

// Known labels as the ASA prints them -> the lower-case key the parser switches on; other
// spellings fall back to lower-casing (saves an allocation on every clean line).
const LABEL_KEYS = new Map<string, string>();
for (const l of LICENSE_LABELS)
  if (l.endsWith(':')) LABEL_KEYS.set(l.slice(0, -1), l.slice(0, -1).toLowerCase());
for (const l of ['Export status', 'Failure reason']) LABEL_KEYS.set(l, l.toLowerCase());
const labelKey = (raw: string) => LABEL_KEYS.get(raw) ?? raw.toLowerCase();

export interface ParseResult<T> {
  data: T;
  warnings: ParseWarning[];
}

const startsWithWord = (value: string, words: string[]) =>
  words.find((w) => value === w || value.startsWith(`${w} `));

/** Parses the lines of one `show license all|status|summary` output. */
export function parseSmartLicenseLines(input: Line[]): ParseResult<SmartLicenseData> {
  const lines = expandCollapsed(input, MATCHER, looksCollapsed);
  const data: SmartLicenseData = {};
  const warnings: ParseWarning[] = [];
  let section: Section = 'top';
  let lastAttempt: AttemptInfo | undefined;
  let entry: UsageEntry | undefined;
  const warn = (line: Line, message: string) =>
    warnings.push({ line: line.n, message, text: line.text.trim() });
  const reg = (): RegistrationInfo => {
    data.registration ??= { status: 'UNKNOWN' };
    return data.registration;
  };
  const auth = (): AuthorizationInfo => {
    data.authorization ??= { status: 'UNKNOWN' };
    return data.authorization;
  };
  const transport = (): TransportInfo => {
    data.transport ??= { type: 'unknown' };
    return data.transport;
  };
  const dateOr = (line: Line, value: string, what: string): string | undefined => {
    const d = parseCiscoDate(value);
    if (!d) warn(line, `expected a date like "Jan 12 2026 13:09:43 UTC" for ${what}`);
    return d?.iso;
  };
  const attempt = (line: Line, value: string, what: string): AttemptInfo | null | undefined => {
    const a = parseAttempt(value);
    if (!a.ok) {
      warn(line, `expected SUCCEEDED|FAILED [on <date>] or None for ${what}`);
      return undefined;
    }
    lastAttempt = a.value ?? undefined;
    return a.value;
  };

  for (const line of lines) {
    const t = line.text.trim();
    const first = t.charCodeAt(0);
    if (t === '' || (first === 61 && /^=+$/.test(t)) || (first === 45 && /^-{5,}$/.test(t))) continue;
    if (t === 'Smart Licensing Status') continue;
    // Headings are short; skip the lower-casing for the long value lines.
    const heading = t.length <= 26 ? HEADINGS.get(t.toLowerCase()) : undefined;
    if (heading) {
      section = heading;
      lastAttempt = undefined;
      if (heading === 'usage') data.usage ??= [];
      if (heading === 'exportKey') data.exportAuthorizationKey ??= { featuresAuthorized: [] };
      continue;
    }
    const sl = first === 83 ? /^Smart Licensing is (\w+)$/i.exec(t) : null;
    if (sl) {
      const v = sl[1]!.toUpperCase();
      if (v === 'ENABLED' || v === 'DISABLED') data.smartLicensing = v;
      else warn(line, 'expected "Smart Licensing is ENABLED|DISABLED"');
      continue;
    }
    const colon = t.indexOf(':');
    const label = colon > 0 ? labelKey(t.slice(0, colon)) : '';
    const value = colon > 0 ? t.slice(colon + 1).trim() : '';

    if (label === 'failure reason') {
      if (lastAttempt) lastAttempt.failureReason = value;
      else warn(line, 'a "Failure reason" with no attempt line before it');
      continue;
    }
    if (label === 'status') {
      const upper = value.toUpperCase();
      // A bare "Status:" (pasted snippets start there) goes where its word belongs.
      let target = section;
      if (
        target !== 'registration' &&
        target !== 'authorization' &&
        target !== 'utility' &&
        target !== 'usage'
      ) {
        if (startsWithWord(upper, REGISTRATION_WORDS)) target = 'registration';
        else if (startsWithWord(upper, AUTHORIZATION_WORDS)) target = 'authorization';
      }
      if (target === 'registration') {
        const [word, ...detail] = value.split(' - ');
        const r = reg();
        r.status = word!.trim().toUpperCase();
        if (detail.length) r.statusDetail = detail.join(' - ').trim();
        section = 'registration';
        continue;
      }
      if (target === 'authorization') {
        const m = /^(.*?)(?:\s+on\s+(.+))?$/.exec(value)!;
        const a = auth();
        a.status = m[1]!.trim().toUpperCase();
        if (m[2]) {
          const since = dateOr(line, m[2], 'the authorization status');
          if (since) a.since = since;
        }
        section = 'authorization';
        continue;
      }
      if (target === 'utility') {
        data.utility = { status: value.toUpperCase() };
        continue;
      }
      if (target === 'usage' && entry) {
        entry.status = value;
        continue;
      }
      warn(line, 'a "Status:" line outside Registration, License Authorization, Utility or a usage entry');
      continue;
    }

    switch (label) {
      case 'smart account':
        reg().smartAccount = value;
        continue;
      case 'virtual account':
        reg().virtualAccount = value;
        continue;
      case 'export-controlled functionality': {
        const w = exportWord(value);
        if (w) reg().exportControlled = w;
        else warn(line, 'expected Export-Controlled Functionality: ALLOWED|NOT ALLOWED');
        continue;
      }
      case 'initial registration': {
        const a = attempt(line, value, 'Initial Registration');
        if (a) reg().initialRegistration = a;
        continue;
      }
      case 'last renewal attempt': {
        const a = attempt(line, value, 'Last Renewal Attempt');
        if (a !== undefined) reg().lastRenewalAttempt = a;
        continue;
      }
      case 'next renewal attempt':
      case 'next registration attempt':
      case 'registration expires': {
        const d = dateOr(line, value, t.slice(0, colon));
        if (!d) continue;
        const r = reg();
        if (label === 'next renewal attempt') r.nextRenewalAttempt = d;
        else if (label === 'next registration attempt') r.nextRegistrationAttempt = d;
        else r.expires = d;
        section = 'registration';
        continue;
      }
      case 'last communication attempt': {
        const a = attempt(line, value, 'Last Communication Attempt');
        if (a !== undefined) auth().lastCommunicationAttempt = a;
        section = 'authorization';
        continue;
      }
      case 'next communication attempt': {
        const d = dateOr(line, value, 'Next Communication Attempt');
        if (d) auth().nextCommunicationAttempt = d;
        continue;
      }
      case 'communication deadline': {
        if (/deadline exceeded/i.test(value)) auth().communicationDeadline = { exceeded: true };
        else {
          const d = dateOr(line, value, 'Communication Deadline');
          if (d) auth().communicationDeadline = { at: d, exceeded: false };
        }
        continue;
      }
      case 'evaluation period remaining': {
        const s = parseCiscoDuration(value);
        if (s === undefined) warn(line, 'expected "N days, N hours, N minutes, N seconds"');
        else auth().evaluationRemainingSeconds = s;
        continue;
      }
      case 'evaluation period expired': {
        const d = dateOr(line, value.replace(/^on\s+/i, ''), 'Evaluation Period Expired');
        if (d) auth().evaluationExpired = d;
        continue;
      }
      case 'features authorized':
        data.exportAuthorizationKey ??= { featuresAuthorized: [] };
        section = 'exportKey';
        if (value && value !== '<none>') data.exportAuthorizationKey.featuresAuthorized.push(value);
        continue;
      case 'sending hostname':
      case 'callhome hostname privacy':
      case 'smart licensing hostname privacy':
      case 'version privacy': {
        const f = flagOf(value);
        if (f === undefined) {
          warn(line, `expected yes/no or ENABLED/DISABLED for ${t.slice(0, colon)}`);
          continue;
        }
        data.dataPrivacy ??= {};
        if (label === 'sending hostname') data.dataPrivacy.sendingHostname = f;
        else if (label === 'callhome hostname privacy') data.dataPrivacy.callhomeHostnamePrivacy = f;
        else if (label === 'smart licensing hostname privacy')
          data.dataPrivacy.smartLicensingHostnamePrivacy = f;
        else data.dataPrivacy.versionPrivacy = f;
        continue;
      }
      case 'type':
        transport().type = transportTypeOf(value);
        section = 'transport';
        continue;
      case 'url':
        transport().url = value;
        continue;
      case 'proxy':
      case 'vrf':
        section = label;
        if (/^not supported$/i.test(value)) transport()[label] = null;
        else if (label === 'vrf' && value) transport().vrf = value;
        continue;
      case 'address':
      case 'port': {
        if (section !== 'proxy') break;
        const t2 = transport();
        const p = t2.proxy ?? { host: '', port: 0 };
        if (label === 'address') p.host = value;
        else p.port = Number(value);
        t2.proxy = p;
        continue;
      }
      case 'description':
      case 'count':
      case 'version':
      case 'export status': {
        if (!entry) break;
        if (label === 'description') entry.description = value;
        else if (label === 'count') entry.count = Number(value);
        else if (label === 'version') entry.version = value;
        else entry.exportStatus = value;
        continue;
      }
      case 'udi': {
        const m = /PID:([^,\s]+)\s*,\s*SN:(\S+)/i.exec(value);
        if (m) data.udi = { pid: m[1]!, sn: m[2]! };
        else warn(line, 'expected "UDI: PID:<pid>,SN:<serial>"');
        continue;
      }
      case 'smart agent for licensing':
        data.agentVersion = value;
        continue;
      case 'license reservation': {
        const f = flagOf(value);
        if (f === undefined) warn(line, 'expected License reservation: ENABLED|DISABLED');
        else data.reservation = { enabled: f };
        continue;
      }
    }

    // Lines without a label of their own.
    if (/^not supported$/i.test(t) && (section === 'proxy' || section === 'vrf')) {
      transport()[section] = null;
      continue;
    }
    if (section === 'vrf' && colon < 0) {
      transport().vrf = t;
      continue;
    }
    if (section === 'exportKey') {
      if (t !== '<none>') data.exportAuthorizationKey?.featuresAuthorized.push(t);
      continue;
    }
    if (/^no licenses in use$/i.test(t)) {
      data.usage ??= [];
      section = 'usage';
      continue;
    }
    if (section === 'usage') {
      const header = /^(.*?)\s*\(([^()\s]+)\):$/.exec(t);
      if (header) {
        entry = { name: header[1]!, tag: header[2]! };
        data.usage ??= [];
        data.usage.push(entry);
        continue;
      }
      // `show license summary` table row: name, (tag), count, status.
      const row = /^(.*?)\s*\(([^()\s]+)\)\s+(\d+)\s+(\S.*)$/.exec(t);
      if (row) {
        data.usage ??= [];
        data.usage.push({ name: row[1]!, tag: row[2]!, count: Number(row[3]), status: row[4]! });
        continue;
      }
      if (/^License\s+Entitlement tag\s+Count\s+Status$/i.test(t)) continue;
    }
    warn(line, 'unrecognised line in a show license output');
  }
  return { data, warnings };
}
