// The data the ASA prints, as plain JSON-able values: the `smartlic parse --json` contract
// (docs/ARCHITECTURE.md, "Contracts"), written once as zod schemas. The TypeScript types below are inferred
// from them, the committed JSON Schema (schema/parse-output.schema.json, scripts/gen-schema.ts) is
// generated from them and tests validate real parse output with them, so the three cannot drift.
// Parsers in src/text return these shapes, renderers in src/text take them, the core converts agent
// state to and from them. Timestamps are ISO-8601 UTC strings (`2026-01-12T13:09:43.000Z`); status
// words are upper case as the newest agents print them. Additions are fine; renaming a field
// breaks scripts.

import { z } from 'zod';

/** ISO-8601 UTC timestamp string. */
export type IsoTime = string;
const isoTime = z.string().describe('ISO-8601 UTC timestamp, e.g. 2026-01-12T13:09:43.000Z');

/** Registration status words seen or expected from the ASA's Smart Agent, in lifecycle order. */
export const REGISTRATION_STATUS_WORDS = [
  'UNREGISTERED',
  'REGISTERING',
  'REGISTERED',
  'REGISTRATION EXPIRED',
] as const;
export type RegistrationStatusWord = (typeof REGISTRATION_STATUS_WORDS)[number];

/** Authorization status words. */
export const AUTHORIZATION_STATUS_WORDS = [
  'EVAL MODE',
  'EVAL EXPIRED',
  'AUTHORIZED',
  'AUTH EXPIRED',
  'OUT OF COMPLIANCE',
  'NO LICENSES IN USE',
] as const;
export type AuthorizationStatusWord = (typeof AUTHORIZATION_STATUS_WORDS)[number];

// The groups of status words the rules ask about, as printed words (unknown words are in none).
const EVALUATION_WORDS: readonly string[] = ['EVAL MODE', 'EVAL EXPIRED'] satisfies AuthorizationStatusWord[];
const IN_FORCE_WORDS: readonly string[] = [
  'AUTHORIZED',
  'OUT OF COMPLIANCE',
] satisfies AuthorizationStatusWord[];
const CERTIFIED_WORDS: readonly string[] = [
  'REGISTERED',
  'REGISTRATION EXPIRED',
] satisfies RegistrationStatusWord[];

/** Authorization in evaluation: EVAL MODE or EVAL EXPIRED. */
export const isEvaluation = (status: string | undefined): boolean => EVALUATION_WORDS.includes(status ?? '');
/** An authorization from the authority in force (licensed limits apply): AUTHORIZED or OUT OF COMPLIANCE. */
export const isAuthorizationInForce = (status: string | undefined): boolean =>
  IN_FORCE_WORDS.includes(status ?? '');
/** Registered once, with an ID certificate still or no longer valid: REGISTERED or REGISTRATION EXPIRED. */
export const hasIdCertificate = (status: string | undefined): boolean =>
  CERTIFIED_WORDS.includes(status ?? '');

export const ATTEMPT_RESULTS = ['SUCCEEDED', 'FAILED'] as const;
export type AttemptResult = (typeof ATTEMPT_RESULTS)[number];

export const EXPORT_CONTROL_WORDS = ['ALLOWED', 'NOT ALLOWED'] as const;
export type ExportControlWord = (typeof EXPORT_CONTROL_WORDS)[number];

/** `Transport: Type:` values (lower case), as `transport type` configures them. */
export const TRANSPORT_TYPES = ['smart', 'callhome', 'off', 'cslu', 'url'] as const;
export type TransportType = (typeof TRANSPORT_TYPES)[number];

/** Words the agent may print that are not in a list: kept as printed (upper case). */
const asPrinted = (known: readonly string[]) => z.string().describe(`${known.join(', ')}, or as printed`);

const proxy = z.strictObject({ host: z.string(), port: z.number().int() });
export type ProxyInfo = z.infer<typeof proxy>;

/** One "Initial Registration: / Last Renewal Attempt: / Last Communication Attempt:" line. */
const attempt = z.strictObject({
  result: z.enum(ATTEMPT_RESULTS),
  at: isoTime.optional(),
  failureReason: z.string().optional(),
});
export type AttemptInfo = z.infer<typeof attempt>;

const registration = z.strictObject({
  /** The first status word(s), e.g. `REGISTERING`; unknown words are kept as printed (upper case). */
  status: asPrinted(REGISTRATION_STATUS_WORDS),
  /** Text after ` - ` on the status line, e.g. `REGISTRATION IN PROGRESS`. */
  statusDetail: z.string().optional(),
  smartAccount: z.string().optional(),
  virtualAccount: z.string().optional(),
  exportControlled: z.enum(EXPORT_CONTROL_WORDS).optional(),
  initialRegistration: attempt.optional(),
  /** `null` when the device prints `None`. */
  lastRenewalAttempt: attempt.nullable().optional(),
  nextRenewalAttempt: isoTime.optional(),
  nextRegistrationAttempt: isoTime.optional(),
  expires: isoTime.optional(),
});
export type RegistrationInfo = z.infer<typeof registration>;

const authorization = z.strictObject({
  status: asPrinted(AUTHORIZATION_STATUS_WORDS),
  since: isoTime.optional(),
  /** `null` when the device prints `None`. */
  lastCommunicationAttempt: attempt.nullable().optional(),
  nextCommunicationAttempt: isoTime.optional(),
  communicationDeadline: z.strictObject({ at: isoTime.optional(), exceeded: z.boolean() }).optional(),
  evaluationRemainingSeconds: z.number().optional(),
  evaluationExpired: isoTime.optional(),
});
export type AuthorizationInfo = z.infer<typeof authorization>;

const transport = z.strictObject({
  type: asPrinted(TRANSPORT_TYPES),
  url: z.string().optional(),
  /** Configured proxy; `null` when the device prints `Not Supported` under `Proxy:`. */
  proxy: proxy.nullable().optional(),
  /** `VRF:` value; `null` when `Not Supported`. */
  vrf: z.string().nullable().optional(),
});
export type TransportInfo = z.infer<typeof transport>;

const dataPrivacy = z.strictObject({
  sendingHostname: z.boolean().optional(),
  callhomeHostnamePrivacy: z.boolean().optional(),
  smartLicensingHostnamePrivacy: z.boolean().optional(),
  versionPrivacy: z.boolean().optional(),
});
export type DataPrivacyInfo = z.infer<typeof dataPrivacy>;

const usageEntry = z.strictObject({
  name: z.string(),
  tag: z.string(),
  description: z.string().optional(),
  count: z.number().optional(),
  version: z.string().optional(),
  status: z.string().optional(),
  exportStatus: z.string().optional(),
});
export type UsageEntry = z.infer<typeof usageEntry>;

/** `show license all` / `status` / `summary`: each prints a subset of this. */
export const smartLicenseDataSchema = z
  .strictObject({
    smartLicensing: z.enum(['ENABLED', 'DISABLED']).optional(),
    registration: registration.optional(),
    authorization: authorization.optional(),
    exportAuthorizationKey: z.strictObject({ featuresAuthorized: z.array(z.string()) }).optional(),
    utility: z.strictObject({ status: z.string() }).optional(),
    dataPrivacy: dataPrivacy.optional(),
    transport: transport.optional(),
    /** `[]` when the device prints `No licenses in use`. */
    usage: z.array(usageEntry).optional(),
    udi: z.strictObject({ pid: z.string(), sn: z.string() }).optional(),
    agentVersion: z.string().optional(),
    reservation: z.strictObject({ enabled: z.boolean() }).optional(),
  })
  .describe('show license all | status | summary');
export type SmartLicenseData = z.infer<typeof smartLicenseDataSchema>;

const featureLine = z.strictObject({
  name: z.string(),
  value: z.string(),
  /** PAK platforms print a term column (`perpetual`, `62 days`); smart platforms do not. */
  term: z.string().optional(),
});
export type FeatureLine = z.infer<typeof featureLine>;

/** `show version` and `show license features`. */
export const showVersionDataSchema = z
  .strictObject({
    software: z.strictObject({ version: z.string(), context: z.string().optional() }).optional(),
    fxosVersion: z.string().optional(),
    deviceManagerVersion: z.string().optional(),
    hostname: z.string().optional(),
    uptime: z.string().optional(),
    hardware: z
      .strictObject({ model: z.string(), ramMb: z.number().optional(), cpu: z.string().optional() })
      .optional(),
    modelId: z.string().optional(),
    serialNumber: z.string().optional(),
    /** e.g. `Smart Licensing`; absent on PAK platforms. */
    licenseMode: z.string().optional(),
    licenseReservation: z.boolean().optional(),
    /** `License state: LICENSED` (AWS PAYG) and similar generic lines. */
    licenseState: z.string().optional(),
    /** `ASAv Platform License State: Licensed|Unlicensed`. */
    platformLicenseState: z.string().optional(),
    activeEntitlement: z.string().optional(),
    enforceMode: z.string().optional(),
    /** e.g. `100 Kbps`, from `Firewall throughput limited to 100 Kbps`. */
    throughputLimit: z.string().optional(),
    /** `platform` or `user context`, from the "Licensed features for this …:" heading. */
    featuresScope: z.enum(['platform', 'user context']).optional(),
    features: z.array(featureLine).optional(),
    failoverClusterFeatures: z.array(featureLine).optional(),
    /** PAK: `This platform has an ASA5555 VPN Premium license.` */
    platformLicenseSummary: z.string().optional(),
    /** Other notable header lines, kept verbatim (memory over limit, running-activation-key warnings). */
    notes: z.array(z.string()).optional(),
  })
  .describe('show version | show license features');
export type ShowVersionData = z.infer<typeof showVersionDataSchema>;

const licenseConfig = z.strictObject({
  /** `license smart` present. */
  smart: z.boolean(),
  featureTier: z.string().optional(),
  throughputLevel: z.string().optional(),
  transport: z
    .strictObject({ type: z.string().optional(), url: z.string().optional(), proxy: proxy.optional() })
    .optional(),
  /** Other lines under `license smart`, verbatim and trimmed. */
  other: z.array(z.string()).optional(),
});
export type LicenseConfig = z.infer<typeof licenseConfig>;

const callHomeDestination = z.strictObject({
  transportMethod: z.string().optional(),
  addressHttp: z.array(z.string()).optional(),
  addressEmail: z.array(z.string()).optional(),
});
export type CallHomeDestination = z.infer<typeof callHomeDestination>;

const callHomeProfile = z.strictObject({
  name: z.string(),
  active: z.boolean(),
  destinations: callHomeDestination,
  /** Convenience: `destination transport-method` value. */
  transportMethod: z.string().optional(),
  other: z.array(z.string()).optional(),
});
export type CallHomeProfile = z.infer<typeof callHomeProfile>;

const callHomeConfig = z.strictObject({
  profiles: z.array(callHomeProfile),
  httpProxy: proxy.optional(),
  reportingAnonymous: z.boolean().optional(),
  other: z.array(z.string()).optional(),
});
export type CallHomeConfig = z.infer<typeof callHomeConfig>;

/** `show running-config [license|call-home]` (and the licensing parts of a full config). */
export const runningConfigDataSchema = z
  .strictObject({
    hostname: z.string().optional(),
    license: licenseConfig.optional(),
    callHome: callHomeConfig.optional(),
  })
  .describe('show running-config [license | call-home]');
export type RunningConfigData = z.infer<typeof runningConfigDataSchema>;

/** The commands whose output the parse contract covers, by the data each one prints. */
export const LICENSE_COMMANDS = ['show license all', 'show license status', 'show license summary'] as const;
export const VERSION_COMMANDS = ['show license features', 'show version'] as const;
export const CONFIG_COMMANDS = [
  'show running-config license',
  'show running-config call-home',
  'show running-config',
] as const;
export const COMMAND_NAMES = [...LICENSE_COMMANDS, ...VERSION_COMMANDS, ...CONFIG_COMMANDS] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

const parseWarning = z.strictObject({
  /** 1-based line number in the file. */
  line: z.number().int().describe('1-based line number in the file'),
  message: z.string(),
  text: z.string().optional(),
});
export type ParseWarning = z.infer<typeof parseWarning>;

const outputFilter = z
  .strictObject({
    type: z.string().describe('include, exclude, begin, grep, or the word as typed'),
    invert: z.boolean().describe('grep -v'),
    pattern: z.string(),
  })
  .describe(
    'the output filter typed after the command (| include …): the output holds only what it let through, so a field it lacks is unknown, not absent',
  );

const entry = <const C extends readonly [string, ...string[]], D extends z.ZodType>(commands: C, data: D) =>
  z.strictObject({
    file: z.string(),
    command: z.enum(commands),
    filter: outputFilter.optional(),
    data,
    warnings: z.array(parseWarning),
  });

/** One entry of `smartlic parse --json`; `data` follows from `command`. */
export const parsedCommandSchema = z.union([
  entry(LICENSE_COMMANDS, smartLicenseDataSchema),
  entry(VERSION_COMMANDS, showVersionDataSchema),
  entry(CONFIG_COMMANDS, runningConfigDataSchema),
]);

/**
 * One entry of `smartlic parse --json`, as code builds it: any command with any of the three data
 * shapes (the schema above is the stricter form scripts can rely on: data follows command).
 */
export interface ParsedCommand {
  file: string;
  command: CommandName;
  /**
   * The output filter typed after the command (`show version | include Serial`): the output
   * holds only the lines it let through, so a field it lacks is unknown, not absent.
   */
  filter?: z.infer<typeof outputFilter>;
  data: SmartLicenseData | ShowVersionData | RunningConfigData;
  warnings: ParseWarning[];
}

/** The whole `smartlic parse --json` output. */
export const parseOutputSchema = z
  .array(parsedCommandSchema)
  .describe('smartlic parse FILE... --json: one entry per licensing command output found');
