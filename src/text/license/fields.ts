// One handler per `Label: value` line of `show license all|status|summary`, looked up by label
// (a Map, so the cost per line does not grow with the number of labels). A handler returns false
// when the label does not apply where it appears; the line is then read as unlabelled text.

import { parseCiscoDuration } from '../dates.ts';
import type { LicenseReader } from './reader.ts';
import { AUTHORIZATION_WORDS, exportWord, flagOf, REGISTRATION_WORDS, transportTypeOf } from './words.ts';

/** Reads the value of its label on the reader's current line (warnings point at that line). */
export type Handler = (r: LicenseReader, value: string, label: string) => boolean;

const startsWithWord = (value: string, words: string[]) =>
  words.some((w) => value === w || value.startsWith(`${w} `));

const AUTH_STATUS = /^(.*?)(?:\s+on\s+(.+))?$/;

// Status words are upper case on every agent; prose that happens to start with "Status:" is not.
const STATUS_WORD = /^[A-Z][A-Z-]*(\s|$)/;

function status(r: LicenseReader, value: string): boolean {
  if (!STATUS_WORD.test(value)) {
    r.warn('expected an upper-case status word after "Status:"');
    return true;
  }
  // A bare "Status:" (pasted snippets start there) goes where its word belongs.
  let target = r.section;
  if (target !== 'registration' && target !== 'authorization' && target !== 'utility' && target !== 'usage') {
    const upper = value.toUpperCase();
    if (startsWithWord(upper, REGISTRATION_WORDS)) target = 'registration';
    else if (startsWithWord(upper, AUTHORIZATION_WORDS)) target = 'authorization';
  }
  if (target === 'registration') {
    const dash = value.indexOf(' - ');
    const reg = r.reg();
    reg.status = (dash < 0 ? value : value.slice(0, dash)).trim().toUpperCase();
    if (dash >= 0) reg.statusDetail = value.slice(dash + 3).trim();
    r.section = 'registration';
  } else if (target === 'authorization') {
    const [, word = '', on] = AUTH_STATUS.exec(value) ?? [];
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
  return (r, value, label) => {
    const f = flagOf(value);
    if (f === undefined) r.warn(`expected yes/no or ENABLED/DISABLED for ${label}`);
    else {
      r.data.dataPrivacy ??= {};
      r.data.dataPrivacy[key] = f;
    }
    return true;
  };
}

function regDate(key: 'nextRenewalAttempt' | 'nextRegistrationAttempt' | 'expires'): Handler {
  return (r, value, label) => {
    const d = r.date(value, label);
    if (d) {
      r.reg()[key] = d;
      r.section = 'registration';
    }
    return true;
  };
}

function entryField(apply: (e: NonNullable<LicenseReader['entry']>, value: string) => void): Handler {
  return (r, value) => {
    if (!r.entry) return false;
    apply(r.entry, value);
    return true;
  };
}

/** A handler that always applies. */
function always(apply: (r: LicenseReader, value: string) => void): Handler {
  return (r, value) => {
    apply(r, value);
    return true;
  };
}

const HANDLERS: [string, Handler][] = [
  ['status', status],
  [
    'failure reason',
    (r, value) => {
      if (r.lastAttempt) r.lastAttempt.failureReason = value;
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
    (r, value) => {
      const w = exportWord(value);
      if (w) r.reg().exportControlled = w;
      else r.warn('expected Export-Controlled Functionality: ALLOWED|NOT ALLOWED');
      return true;
    },
  ],
  [
    'initial registration',
    (r, value) => {
      const a = r.attempt(value, 'Initial Registration');
      if (a) r.reg().initialRegistration = a;
      return true;
    },
  ],
  [
    'last renewal attempt',
    (r, value) => {
      const a = r.attempt(value, 'Last Renewal Attempt');
      if (a !== undefined) r.reg().lastRenewalAttempt = a;
      return true;
    },
  ],
  ['next renewal attempt', regDate('nextRenewalAttempt')],
  ['next registration attempt', regDate('nextRegistrationAttempt')],
  ['registration expires', regDate('expires')],
  [
    'last communication attempt',
    (r, value) => {
      const a = r.attempt(value, 'Last Communication Attempt');
      if (a !== undefined) r.auth().lastCommunicationAttempt = a;
      r.section = 'authorization';
      return true;
    },
  ],
  [
    'next communication attempt',
    (r, value) => {
      const d = r.date(value, 'Next Communication Attempt');
      if (d) r.auth().nextCommunicationAttempt = d;
      return true;
    },
  ],
  [
    'communication deadline',
    (r, value) => {
      if (/deadline exceeded/i.test(value)) r.auth().communicationDeadline = { exceeded: true };
      else {
        const d = r.date(value, 'Communication Deadline');
        if (d) r.auth().communicationDeadline = { at: d, exceeded: false };
      }
      return true;
    },
  ],
  [
    'evaluation period remaining',
    (r, value) => {
      const s = parseCiscoDuration(value);
      if (s === undefined) r.warn('expected "N days, N hours, N minutes, N seconds"');
      else r.auth().evaluationRemainingSeconds = s;
      return true;
    },
  ],
  [
    'evaluation period expired',
    (r, value) => {
      const d = r.date(value.replace(/^on\s+/i, ''), 'Evaluation Period Expired');
      if (d) r.auth().evaluationExpired = d;
      return true;
    },
  ],
  [
    'features authorized',
    (r, value) => {
      r.data.exportAuthorizationKey ??= { featuresAuthorized: [] };
      r.section = 'exportKey';
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
    (r, value) => {
      r.transport().type = transportTypeOf(value);
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
    (r, value) => {
      r.section = key;
      if (/^not supported$/i.test(value)) r.transport()[key] = null;
      else if (key === 'vrf' && value) r.transport().vrf = value;
      return true;
    },
  ]),
  ...(['address', 'port'] as const).map((key): [string, Handler] => [
    key,
    (r, value) => {
      if (r.section !== 'proxy') return false;
      const t = r.transport();
      const p = t.proxy ?? { host: '', port: 0 };
      if (key === 'address') p.host = value;
      else p.port = Number(value);
      t.proxy = p;
      return true;
    },
  ]),
  [
    'description',
    entryField((e, v) => {
      e.description = v;
    }),
  ],
  [
    'count',
    entryField((e, v) => {
      e.count = Number(v);
    }),
  ],
  [
    'version',
    entryField((e, v) => {
      e.version = v;
    }),
  ],
  [
    'export status',
    entryField((e, v) => {
      e.exportStatus = v;
    }),
  ],
  [
    'udi',
    (r, value) => {
      const m = /PID:([^,\s]+)\s*,\s*SN:(\S+)/i.exec(value);
      if (m) r.data.udi = { pid: m[1] ?? '', sn: m[2] ?? '' };
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
    (r, value) => {
      const f = flagOf(value);
      if (f === undefined) r.warn('expected License reservation: ENABLED|DISABLED');
      else r.data.reservation = { enabled: f };
      return true;
    },
  ],
];

/** Field handlers by lower-case label. */
export const FIELD_HANDLERS = new Map<string, Handler>(HANDLERS);
