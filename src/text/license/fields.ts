// One handler per `Label: value` line of `show license all|status|summary`, looked up by label
// (a Map, so the cost per line does not grow with the number of labels). A handler returns false
// when the label does not apply where it appears; the line is then read as unlabelled text.
//
// Handlers read their value in place, src[v, end): the words and dates the ASA prints go to the
// contract's shared strings (or one ISO string) without a substring per line. Anything not in the
// printed shape takes the general reading of the value as a string, which the printed shapes agree
// with (property-tested).

import { isSpace } from '../chars.ts';
import { parseCiscoDuration, printedDurationAt, printedInUtc, printedIsoAt } from '../dates.ts';
import { indexIn } from '../output-parser.ts';
import type { LicenseReader } from './reader.ts';
import {
  ATTEMPT_LABELS,
  AUTHORIZATION_PRINTED,
  AUTHORIZATION_WORDS,
  EXPORT_PRINTED,
  exportWord,
  FLAG_PRINTED,
  flagOf,
  REGISTRATION_PRINTED,
  REGISTRATION_WORDS,
  TRANSPORT_TYPE_PRINTED,
  transportTypeOf,
  UTILITY_PRINTED,
} from './words.ts';

/**
 * Reads the value src[v, end) of its label on the reader's current line (warnings point at that
 * line). `v` is past the blanks after the colon; the value has no trailing blanks.
 */
export type Handler = (r: LicenseReader, src: string, v: number, end: number, label: string) => boolean;

const startsWithWord = (value: string, words: readonly string[]) =>
  words.some((w) => value === w || value.startsWith(`${w} `));

// The ` on ` before the date of `AUTHORIZED on <date>`. Tried only where a run of blanks starts:
// from inside a long run, `\s+` would rescan it from every position.
const AUTH_ON = /(?<!\s)\s+on\s+(?=\S)/;

// Status words are upper case on every agent; prose that happens to start with "Status:" is not.
const STATUS_WORD = /^[A-Z][A-Z-]*(\s|$)/;

/** Index of the first ` on ` or ` - ` (`sep`) in src[v, end), or `end`. */
function separatorAt(src: string, v: number, end: number, sep: string): number {
  const at = indexIn(src, sep, v, end);
  return at < 0 ? end : at;
}

/**
 * `Status: REGISTERED`, `Status: AUTHORIZED on <date>`, `Status: REGISTERING - REGISTRATION IN
 * PROGRESS` as the agent prints them, under their own heading: true when read, false when the
 * value needs the general reading.
 */
function printedStatus(r: LicenseReader, src: string, v: number, end: number): boolean {
  if (r.section === 'registration') {
    const dash = separatorAt(src, v, end, ' - ');
    const word = REGISTRATION_PRINTED.get(src, v, dash);
    if (word === undefined) return false;
    const reg = r.reg();
    reg.status = word;
    if (dash < end) reg.statusDetail = src.slice(dash + 3, end).trim();
    return true;
  }
  if (r.section === 'authorization') {
    const on = separatorAt(src, v, end, ' on ');
    const word = AUTHORIZATION_PRINTED.get(src, v, on);
    if (word === undefined) return false;
    // The date as printed, or the general reading (it warns about anything else).
    const since = on < end ? printedIsoAt(src, on + 4, end) : undefined;
    if (on < end && (since === undefined || !printedInUtc(src, on + 4, end))) return false;
    const auth = r.auth();
    auth.status = word;
    if (since !== undefined) auth.since = since;
    return true;
  }
  if (r.section === 'utility') {
    const word = UTILITY_PRINTED.get(src, v, end);
    if (word !== undefined) r.data.utility = { status: word };
    return word !== undefined;
  }
  return false;
}

function status(r: LicenseReader, src: string, v: number, end: number): boolean {
  return printedStatus(r, src, v, end) || statusOf(r, src.slice(v, end));
}

/**
 * The general reading of a `Status:` value, whatever its shape.
 * @internal exported for the test that holds {@link printedStatus} to it.
 */
export function statusOf(r: LicenseReader, value: string): true {
  if (!STATUS_WORD.test(value)) {
    r.warn('expected an upper-case status word after "Status:"');
    return true;
  }
  // A bare "Status:" (pasted snippets start there, a filtered output has no headings) goes where
  // its word belongs; a word that belongs nowhere in particular says nothing we can place.
  let target: LicenseReader['section'] | undefined = r.section;
  const guess =
    r.inferred ||
    (target !== 'registration' && target !== 'authorization' && target !== 'utility' && target !== 'usage');
  if (guess) {
    const upper = value.toUpperCase();
    if (startsWithWord(upper, REGISTRATION_WORDS)) target = 'registration';
    else if (startsWithWord(upper, AUTHORIZATION_WORDS)) target = 'authorization';
    else target = undefined;
    r.inferred = true;
  }
  if (target === 'registration') {
    const dash = value.indexOf(' - ');
    const reg = r.reg();
    reg.status = (dash < 0 ? value : value.slice(0, dash)).trim().toUpperCase();
    if (dash >= 0) reg.statusDetail = value.slice(dash + 3).trim();
    r.section = 'registration';
  } else if (target === 'authorization') {
    const m = AUTH_ON.exec(value);
    const word = m ? value.slice(0, m.index) : value;
    const on = m ? value.slice(m.index + m[0].length) : undefined;
    const auth = r.auth();
    auth.status = word.trim().toUpperCase();
    const since = on ? r.date(on, 'the authorization status') : undefined;
    if (since) auth.since = since;
    r.section = 'authorization';
  } else if (target === 'utility') r.data.utility = { status: value.toUpperCase() };
  else if (target === 'usage' && r.entry) r.entry.status = value;
  else r.warn('a "Status:" line outside Registration, License Authorization, Utility or a usage entry');
  return true;
}

function privacy(
  key: 'sendingHostname' | 'callhomeHostnamePrivacy' | 'smartLicensingHostnamePrivacy' | 'versionPrivacy',
): Handler {
  return (r, src, v, end, label) => {
    const f = FLAG_PRINTED.get(src, v, end) ?? flagOf(src.slice(v, end));
    if (f === undefined) r.warn(`expected yes/no or ENABLED/DISABLED for ${label}`);
    else {
      r.data.dataPrivacy ??= {};
      r.data.dataPrivacy[key] = f;
    }
    return true;
  };
}

function regDate(key: 'nextRenewalAttempt' | 'nextRegistrationAttempt' | 'expires'): Handler {
  return (r, src, v, end, label) => {
    const d = r.dateAt(src, v, end, label);
    if (d) {
      r.reg()[key] = d;
      r.section = 'registration';
    }
    return true;
  };
}

/** A handler for a field of the usage entry being read (false outside one). */
function entryField(
  apply: (e: NonNullable<LicenseReader['entry']>, src: string, v: number, end: number) => void,
): Handler {
  return (r, src, v, end) => {
    if (!r.entry) return false;
    apply(r.entry, src, v, end);
    return true;
  };
}

/** A handler that always applies. */
function always(apply: (r: LicenseReader, value: string) => void): Handler {
  return (r, src, v, end) => {
    apply(r, src.slice(v, end));
    return true;
  };
}

/** An ASCII letter's code, upper-cased (what a case-insensitive regular expression compares). */
const upper = (c: number) => (c >= 97 && c <= 122 ? c - 32 : c);

/**
 * `PID:ASA5516,SN:JAD12345678` (blanks allowed around the comma, labels in any case, anywhere in
 * the value): what `/PID:([^,\s]+)\s*,\s*SN:(\S+)/i` finds (property-tested), in one pass. The
 * expression rescans the rest of a `PID:PID:PID:…` run from each occurrence.
 * @internal exported for that test.
 */
export function udiOf(value: string): { pid: string; sn: string } | undefined {
  const len = value.length;
  const find = /PID:/gi;
  for (let m = find.exec(value); m !== null; m = find.exec(value)) {
    const pidStart = m.index + 4;
    let i = pidStart;
    while (i < len && value.charCodeAt(i) !== 44 && !isSpace(value.charCodeAt(i))) i++;
    const pidEnd = i;
    // A `PID:` inside this PID's run would end at the same place and fail alike.
    find.lastIndex = Math.max(pidEnd, m.index + 1);
    if (pidEnd === pidStart) continue;
    while (i < len && isSpace(value.charCodeAt(i))) i++;
    if (value.charCodeAt(i) !== 44) continue;
    i++;
    while (i < len && isSpace(value.charCodeAt(i))) i++;
    if (
      upper(value.charCodeAt(i)) !== 83 ||
      upper(value.charCodeAt(i + 1)) !== 78 ||
      value.charCodeAt(i + 2) !== 58
    )
      continue;
    const snStart = i + 3;
    let j = snStart;
    while (j < len && !isSpace(value.charCodeAt(j))) j++;
    if (j > snStart) return { pid: value.slice(pidStart, pidEnd), sn: value.slice(snStart, j) };
  }
  return undefined;
}

/** Number(src.slice(v, end)), without the substring when the value is plain digits. */
function numberAt(src: string, v: number, end: number): number {
  // Up to 15 digits stay exact in a double, as Number() of the digits would be.
  if (end - v < 1 || end - v > 15) return Number(src.slice(v, end));
  let n = 0;
  for (let i = v; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c < 48 || c > 57) return Number(src.slice(v, end));
    n = n * 10 + c - 48;
  }
  return n;
}

const HANDLERS: [string, Handler][] = [
  ['status', status],
  [
    'failure reason',
    (r, src, v, end) => {
      if (r.lastAttempt) r.lastAttempt.failureReason = src.slice(v, end);
      else r.warn('a "Failure reason" with no attempt line before it');
      return true;
    },
  ],
  [
    'smart account',
    always((r, value) => {
      r.reg().smartAccount = value;
    }),
  ],
  [
    'virtual account',
    always((r, value) => {
      r.reg().virtualAccount = value;
    }),
  ],
  [
    'export-controlled functionality',
    (r, src, v, end) => {
      const w = EXPORT_PRINTED.get(src, v, end) ?? exportWord(src.slice(v, end));
      if (w) r.reg().exportControlled = w;
      else r.warn('expected Export-Controlled Functionality: ALLOWED|NOT ALLOWED');
      return true;
    },
  ],
  [
    'initial registration',
    (r, src, v, end) => {
      const a = r.attemptAt(src, v, end, 'Initial Registration');
      if (a) r.reg().initialRegistration = a;
      return true;
    },
  ],
  [
    ATTEMPT_LABELS.renewal.toLowerCase(),
    (r, src, v, end) => {
      const a = r.attemptAt(src, v, end, ATTEMPT_LABELS.renewal);
      if (a !== undefined) r.reg().lastRenewalAttempt = a;
      return true;
    },
  ],
  ['next renewal attempt', regDate('nextRenewalAttempt')],
  ['next registration attempt', regDate('nextRegistrationAttempt')],
  ['registration expires', regDate('expires')],
  [
    ATTEMPT_LABELS.communication.toLowerCase(),
    (r, src, v, end) => {
      const a = r.attemptAt(src, v, end, ATTEMPT_LABELS.communication);
      if (a !== undefined) r.auth().lastCommunicationAttempt = a;
      r.section = 'authorization';
      return true;
    },
  ],
  [
    'next communication attempt',
    (r, src, v, end) => {
      const d = r.dateAt(src, v, end, 'Next Communication Attempt');
      if (d) r.auth().nextCommunicationAttempt = d;
      return true;
    },
  ],
  [
    'communication deadline',
    (r, src, v, end) => {
      if (end - v === 17 && src.startsWith('DEADLINE EXCEEDED', v)) {
        r.auth().communicationDeadline = { exceeded: true };
        return true;
      }
      // A date as printed cannot hold the words below.
      const at = printedIsoAt(src, v, end);
      if (at !== undefined && printedInUtc(src, v, end)) {
        r.auth().communicationDeadline = { at, exceeded: false };
        return true;
      }
      const value = src.slice(v, end);
      if (/deadline exceeded/i.test(value)) r.auth().communicationDeadline = { exceeded: true };
      else {
        const d = r.dateAt(src, v, end, 'Communication Deadline');
        if (d) r.auth().communicationDeadline = { at: d, exceeded: false };
      }
      return true;
    },
  ],
  [
    'evaluation period remaining',
    (r, src, v, end) => {
      const s = printedDurationAt(src, v, end) ?? parseCiscoDuration(src.slice(v, end));
      if (s === undefined) r.warn('expected "N days, N hours, N minutes, N seconds"');
      else r.auth().evaluationRemainingSeconds = s;
      return true;
    },
  ],
  [
    'evaluation period expired',
    (r, src, v, end) => {
      const d = r.date(src.slice(v, end).replace(/^on\s+/i, ''), 'Evaluation Period Expired');
      if (d) r.auth().evaluationExpired = d;
      return true;
    },
  ],
  [
    'features authorized',
    (r, src, v, end) => {
      r.data.exportAuthorizationKey ??= { featuresAuthorized: [] };
      r.section = 'exportKey';
      const value = src.slice(v, end);
      if (value && value !== '<none>') r.data.exportAuthorizationKey.featuresAuthorized.push(value);
      return true;
    },
  ],
  ['sending hostname', privacy('sendingHostname')],
  ['callhome hostname privacy', privacy('callhomeHostnamePrivacy')],
  ['smart licensing hostname privacy', privacy('smartLicensingHostnamePrivacy')],
  ['version privacy', privacy('versionPrivacy')],
  [
    'type',
    (r, src, v, end) => {
      r.transport().type = TRANSPORT_TYPE_PRINTED.get(src, v, end) ?? transportTypeOf(src.slice(v, end));
      r.section = 'transport';
      return true;
    },
  ],
  [
    'url',
    always((r, value) => {
      r.transport().url = value;
    }),
  ],
  ...(['proxy', 'vrf'] as const).map((key): [string, Handler] => [
    key,
    (r, src, v, end) => {
      r.section = key;
      // Mostly a heading: the value follows on the next line.
      if (v === end) return true;
      const value = src.slice(v, end);
      if (/^not supported$/i.test(value)) r.transport()[key] = null;
      else if (key === 'vrf' && value) r.transport().vrf = value;
      return true;
    },
  ]),
  ...(['address', 'port'] as const).map((key): [string, Handler] => [
    key,
    (r, src, v, end) => {
      if (r.section !== 'proxy') return false;
      const t = r.transport();
      const p = t.proxy ?? { host: '', port: 0 };
      if (key === 'address') p.host = src.slice(v, end);
      else p.port = numberAt(src, v, end);
      t.proxy = p;
      return true;
    },
  ]),
  [
    'description',
    entryField((e, src, v, end) => {
      e.description = src.slice(v, end);
    }),
  ],
  [
    'count',
    entryField((e, src, v, end) => {
      e.count = numberAt(src, v, end);
    }),
  ],
  [
    'version',
    entryField((e, src, v, end) => {
      e.version = src.slice(v, end);
    }),
  ],
  [
    'export status',
    entryField((e, src, v, end) => {
      e.exportStatus = src.slice(v, end);
    }),
  ],
  [
    'udi',
    (r, src, v, end) => {
      const udi = udiOf(src.slice(v, end));
      if (udi) r.data.udi = udi;
      else r.warn('expected "UDI: PID:<pid>,SN:<serial>"');
      return true;
    },
  ],
  [
    'smart agent for licensing',
    always((r, value) => {
      r.data.agentVersion = value;
    }),
  ],
  [
    'license reservation',
    (r, src, v, end) => {
      const f = FLAG_PRINTED.get(src, v, end) ?? flagOf(src.slice(v, end));
      if (f === undefined) r.warn('expected License reservation: ENABLED|DISABLED');
      else r.data.reservation = { enabled: f };
      return true;
    },
  ],
];

/** Field handlers by lower-case label. */
export const FIELD_HANDLERS = new Map<string, Handler>(HANDLERS);
