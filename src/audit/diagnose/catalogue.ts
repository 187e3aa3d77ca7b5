// Every finding code the audit can raise, once: the `as const` list the JSON Schema enum, the
// README table and docs/ARCHITECTURE.md derive from, and per code its severity, a one-line summary,
// the remediation steps it implies (remediation.ts) and the line the docs print. Codes are a
// contract (docs/ARCHITECTURE.md, "Finding codes"): add new ones, never rename one. Durations in
// the prose come from the core's agent timers, not from a number typed here.

import {
  DEFAULT_TIMERS,
  endpointFor,
  PLAUSIBLE_FROM,
  PLAUSIBLE_UNTIL,
  spellDuration,
} from '../../core/index.ts';

/**
 * How bad a finding is, least bad first; the exit status follows the worst one (0 ok/info,
 * 1 warning, 2 critical, 3 unknown). `unknown` is a device that could not be checked: worse than
 * ok (something is not being watched) and better than any warning or critical a device shows, as
 * the Monitoring Plugins order states when they aggregate (OK < UNKNOWN < WARNING < CRITICAL).
 */
export const SEVERITIES = ['ok', 'info', 'unknown', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_CODES = [
  'COMM_FAILING',
  'AUTH_EXPIRED',
  'REGISTRATION_LOST',
  'RENEWAL_FAILING',
  'EVAL_MODE',
  'EXPORT_CONTROL_NOT_ALLOWED',
  'UNREGISTERED',
  'PLATFORM_UNLICENSED',
  'TRANSPORT_CALLHOME',
  'TRANSPORT_SMART',
  'OUT_OF_COMPLIANCE',
  'LICENSE_NOT_COLLECTED',
  'NO_LICENSE_DATA',
  'COLLECTION_FAILED',
  'USER_CONTEXT',
  'IMPLAUSIBLE_DATE',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** The remediation steps (remediation.ts), in the order a device applies them. */
export const REMEDY_STEPS = [
  'permit-upstream',
  'proxy',
  'register-again',
  'register',
  'renew-auth',
  'renew-id',
  'transport-smart',
  'callhome-stopgap',
  'platform-entitlement',
] as const;
export type RemedyStep = (typeof REMEDY_STEPS)[number];

/**
 * Findings that leave the platform licence limited by themselves: an expired authorization, a
 * lost registration, evaluation. With these, an Unlicensed or 100 kbps platform is their
 * consequence, and restoring authorization (their steps) lifts it.
 */
export const UNAUTHORIZED_CODES: readonly FindingCode[] = [
  'AUTH_EXPIRED',
  'REGISTRATION_LOST',
  'EVAL_MODE',
  'UNREGISTERED',
];

/** Each step in a few words: the fleet summary's "what to do first" lines. */
export const REMEDY_HEADLINES: Readonly<Record<RemedyStep, string>> = {
  'permit-upstream': 'permit HTTPS (TCP 443) to the License Authority on upstream firewalls and proxies',
  proxy: 'check (or configure) the licensing proxy',
  'register-again': 'register again with a new ID token',
  register: 'register with an ID token',
  'renew-auth': 'renew the authorization once reachable',
  'renew-id': 'renew the ID certificate once reachable',
  'transport-smart': 'move back to Smart Transport',
  'callhome-stopgap': 'fall back to Call Home during the outage',
  'platform-entitlement': 'configure feature tier and throughput level',
};

export interface FindingRecord {
  /** The severities it is raised at (the first is the usual one). */
  severity: readonly Severity[];
  /** What it means, in a few words. */
  summary: string;
  /** The remediation steps it calls for (a step also checks the facts before it is printed). */
  remedies: readonly RemedyStep[];
  /** When it is raised: the line of the docs' finding table. */
  doc: string;
}

const COMM_DEADLINE = spellDuration(DEFAULT_TIMERS.commDeadlineAfter);
/** The core's plausible licensing dates in words: `before 2015 or from 2100 on` is implausible. */
export const IMPLAUSIBLE_YEARS = `before ${new Date(PLAUSIBLE_FROM).getUTCFullYear()} or from ${new Date(PLAUSIBLE_UNTIL).getUTCFullYear()} on`;
const CONNECTIVITY: readonly RemedyStep[] = ['permit-upstream', 'proxy'];

export const FINDINGS: Readonly<Record<FindingCode, FindingRecord>> = {
  COMM_FAILING: {
    severity: ['warning'],
    summary: 'License Authority unreachable, still authorized',
    remedies: [...CONNECTIVITY, 'renew-auth', 'callhome-stopgap'],
    doc: `authorized, but the last communication with the License Authority failed and the communication deadline (${COMM_DEADLINE} after the last success) is still ahead (seed, first condition)`,
  },
  AUTH_EXPIRED: {
    severity: ['critical'],
    summary: 'authorization expired: licensed features restricted',
    remedies: [...CONNECTIVITY, 'renew-auth', 'callhome-stopgap'],
    doc: 'authorization expired, or the communication deadline has passed at `now` (seed, second condition)',
  },
  REGISTRATION_LOST: {
    severity: ['critical'],
    summary: 'registration lost or expired',
    remedies: [...CONNECTIVITY, 'register-again'],
    doc: 'the registration expired or was lost and the device is trying to register again (seed, third condition)',
  },
  RENEWAL_FAILING: {
    severity: ['warning'],
    summary: 'ID-certificate renewal failing',
    remedies: [...CONNECTIVITY, 'renew-id'],
    doc: 'ID-certificate renewal attempts fail; registration expiry date ahead',
  },
  EVAL_MODE: {
    severity: ['warning', 'critical'],
    summary: 'running on the evaluation licence',
    remedies: [],
    doc: `authorization is in evaluation (never registered, or fallen back; evaluation lasts ${spellDuration(DEFAULT_TIMERS.evaluationPeriod)}); critical once expired or after a lost registration`,
  },
  EXPORT_CONTROL_NOT_ALLOWED: {
    severity: ['warning', 'critical'],
    summary: 'strong encryption not allowed',
    remedies: [],
    doc: 'export-controlled functionality (strong encryption) not allowed; critical after a lost registration',
  },
  UNREGISTERED: {
    severity: ['warning'],
    summary: 'never registered',
    remedies: ['register'],
    doc: 'never registered',
  },
  PLATFORM_UNLICENSED: {
    severity: ['warning'],
    summary: 'platform licence unlicensed or throughput-limited',
    remedies: ['platform-entitlement'],
    doc: '`show version` says the platform licence is unlicensed or throughput-limited; with an expired or missing authorization it is named as that consequence, and the fix is the authorization’s',
  },
  TRANSPORT_CALLHOME: {
    severity: ['info'],
    summary: 'Call Home transport in use',
    remedies: ['transport-smart'],
    doc: 'Call Home transport in use: deprecated, move back to Smart Transport once reachable',
  },
  TRANSPORT_SMART: {
    severity: ['info'],
    summary: 'Smart Transport in use',
    remedies: [],
    doc: `Smart Transport in use: ${endpointFor('smart').host}:443 must be permitted upstream`,
  },
  OUT_OF_COMPLIANCE: {
    severity: ['warning'],
    summary: 'virtual account short of licences',
    remedies: [],
    doc: 'OUT OF COMPLIANCE: the virtual account does not hold enough licences for what the device uses',
  },
  LICENSE_NOT_COLLECTED: {
    severity: ['info'],
    summary: 'registration and authorization not collected',
    remedies: [],
    doc: 'the outputs collected (e.g. `show license status` or `show version` alone, or a filtered output) do not show registration and authorization: the note names the command to add',
  },
  NO_LICENSE_DATA: {
    severity: ['warning', 'info'],
    summary: 'no licensing output, or a PAK-licensed platform',
    remedies: [],
    doc: 'no licensing output was read (warning); info when the platform is PAK-licensed and Smart Licensing is not in use',
  },
  COLLECTION_FAILED: {
    severity: ['unknown', 'critical'],
    summary: 'the device could not be collected',
    remedies: [],
    doc: 'the device could not be collected or parsed: its state is unknown; critical for a changed or revoked SSH host key (a possible man-in-the-middle)',
  },
  USER_CONTEXT: {
    severity: ['info'],
    summary: 'audited from a user context',
    remedies: [],
    doc: 'audited from a user context of a multiple-context ASA; Smart Licensing is managed in the system context',
  },
  IMPLAUSIBLE_DATE: {
    severity: ['warning'],
    summary: 'licensing dates a working device does not print',
    remedies: [],
    doc: `a licensing date, or the time the device is judged at (\`--now\`, its clock), is ${IMPLAUSIBLE_YEARS}: a wrong device clock or a damaged capture; its days left and prediction are not to be trusted`,
  },
};

/** The finding table as Markdown, for the README and docs/ARCHITECTURE.md (a test holds both to it). */
export function findingTableMarkdown(): string {
  const rows = FINDING_CODES.map(
    (code) => `| \`${code}\` | ${FINDINGS[code].severity.join(', ')} | ${FINDINGS[code].doc} |`,
  );
  return ['| code | severity | when |', '|---|---|---|', ...rows].join('\n');
}

export const TABLE_BEGIN = '<!-- finding-codes:begin -->';
export const TABLE_END = '<!-- finding-codes:end -->';

/**
 * `doc` with the finding table between its markers replaced by the catalogue's; `doc` unchanged
 * when it has no markers.
 */
export function withFindingTable(doc: string): string {
  const begin = doc.indexOf(TABLE_BEGIN);
  const end = doc.indexOf(TABLE_END);
  if (begin < 0 || end < begin) return doc;
  return `${doc.slice(0, begin + TABLE_BEGIN.length)}\n${findingTableMarkdown()}\n${doc.slice(end)}`;
}
