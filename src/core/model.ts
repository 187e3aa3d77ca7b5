// The data the ASA prints, as plain JSON-able values. These are the shapes of the
// `smartlic parse --json` contract (DESIGN.md, "Contracts"): parsers in src/text return them,
// renderers in src/text take them, the core converts agent state to and from them.
// Timestamps are ISO-8601 UTC strings (`2026-01-12T13:09:43.000Z`); status words are upper case
// as the newest agents print them. Additions are fine; renaming a field breaks scripts.

/** ISO-8601 UTC timestamp string. */
export type IsoTime = string;

export type AttemptResult = 'SUCCEEDED' | 'FAILED';

/** One "Initial Registration: / Last Renewal Attempt: / Last Communication Attempt:" line. */
export interface AttemptInfo {
  result: AttemptResult;
  at?: IsoTime;
  failureReason?: string;
}

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

export type ExportControlWord = 'ALLOWED' | 'NOT ALLOWED';

export type TransportType = 'smart' | 'callhome' | 'off' | 'cslu' | 'url';

export interface ProxyInfo {
  host: string;
  port: number;
}

export interface RegistrationInfo {
  /** The first status word(s), e.g. `REGISTERING`; unknown words are kept as printed (upper case). */
  status: RegistrationStatusWord | string;
  /** Text after ` - ` on the status line, e.g. `REGISTRATION IN PROGRESS`. */
  statusDetail?: string;
  smartAccount?: string;
  virtualAccount?: string;
  exportControlled?: ExportControlWord;
  initialRegistration?: AttemptInfo;
  /** `null` when the device prints `None`. */
  lastRenewalAttempt?: AttemptInfo | null;
  nextRenewalAttempt?: IsoTime;
  nextRegistrationAttempt?: IsoTime;
  expires?: IsoTime;
}

export interface AuthorizationInfo {
  status: AuthorizationStatusWord | string;
  since?: IsoTime;
  /** `null` when the device prints `None`. */
  lastCommunicationAttempt?: AttemptInfo | null;
  nextCommunicationAttempt?: IsoTime;
  communicationDeadline?: { at?: IsoTime; exceeded: boolean };
  evaluationRemainingSeconds?: number;
  evaluationExpired?: IsoTime;
}

export interface TransportInfo {
  type: TransportType | string;
  url?: string;
  /** Configured proxy; `null` when the device prints `Not Supported` under `Proxy:`. */
  proxy?: ProxyInfo | null;
  /** `VRF:` value; `null` when `Not Supported`. */
  vrf?: string | null;
}

export interface DataPrivacyInfo {
  sendingHostname?: boolean;
  callhomeHostnamePrivacy?: boolean;
  smartLicensingHostnamePrivacy?: boolean;
  versionPrivacy?: boolean;
}

export interface UsageEntry {
  name: string;
  tag: string;
  description?: string;
  count?: number;
  version?: string;
  status?: string;
  exportStatus?: string;
}

/** `show license all` / `status` / `summary`: each prints a subset of this. */
export interface SmartLicenseData {
  smartLicensing?: 'ENABLED' | 'DISABLED';
  registration?: RegistrationInfo;
  authorization?: AuthorizationInfo;
  exportAuthorizationKey?: { featuresAuthorized: string[] };
  utility?: { status: string };
  dataPrivacy?: DataPrivacyInfo;
  transport?: TransportInfo;
  /** `[]` when the device prints `No licenses in use`. */
  usage?: UsageEntry[];
  udi?: { pid: string; sn: string };
  agentVersion?: string;
  reservation?: { enabled: boolean };
}

export interface FeatureLine {
  name: string;
  value: string;
  /** PAK platforms print a term column (`perpetual`, `62 days`); smart platforms do not. */
  term?: string;
}

/** `show version` and `show license features`. */
export interface ShowVersionData {
  software?: { version: string; context?: string };
  fxosVersion?: string;
  deviceManagerVersion?: string;
  hostname?: string;
  uptime?: string;
  hardware?: { model: string; ramMb?: number; cpu?: string };
  modelId?: string;
  serialNumber?: string;
  /** e.g. `Smart Licensing`; absent on PAK platforms. */
  licenseMode?: string;
  licenseReservation?: boolean;
  /** `License state: LICENSED` (AWS PAYG) and similar generic lines. */
  licenseState?: string;
  /** `ASAv Platform License State: Licensed|Unlicensed`. */
  platformLicenseState?: string;
  activeEntitlement?: string;
  enforceMode?: string;
  /** e.g. `100 Kbps`, from `Firewall throughput limited to 100 Kbps`. */
  throughputLimit?: string;
  /** `platform` or `user context`, from the "Licensed features for this …:" heading. */
  featuresScope?: 'platform' | 'user context';
  features?: FeatureLine[];
  failoverClusterFeatures?: FeatureLine[];
  /** PAK: `This platform has an ASA5555 VPN Premium license.` */
  platformLicenseSummary?: string;
  /** Other notable header lines, kept verbatim (memory over limit, running-activation-key warnings). */
  notes?: string[];
}

export interface LicenseConfig {
  /** `license smart` present. */
  smart: boolean;
  featureTier?: string;
  throughputLevel?: string;
  transport?: { type?: TransportType | string; url?: string; proxy?: ProxyInfo };
  /** Other lines under `license smart`, verbatim and trimmed. */
  other?: string[];
}

export interface CallHomeDestination {
  transportMethod?: string;
  addressHttp?: string[];
  addressEmail?: string[];
}

export interface CallHomeProfile {
  name: string;
  active: boolean;
  destinations: CallHomeDestination;
  /** Convenience: `destination transport-method` value. */
  transportMethod?: string;
  other?: string[];
}

export interface CallHomeConfig {
  profiles: CallHomeProfile[];
  httpProxy?: ProxyInfo;
  reportingAnonymous?: boolean;
  other?: string[];
}

/** `show running-config [license|call-home]` (and the licensing parts of a full config). */
export interface RunningConfigData {
  hostname?: string;
  license?: LicenseConfig;
  callHome?: CallHomeConfig;
}

export type CommandName =
  | 'show license all'
  | 'show license status'
  | 'show license summary'
  | 'show license features'
  | 'show version'
  | 'show running-config license'
  | 'show running-config call-home'
  | 'show running-config';

export interface ParseWarning {
  /** 1-based line number in the file. */
  line: number;
  message: string;
  text?: string;
}

/** One entry of `smartlic parse --json`. */
export interface ParsedCommand {
  file: string;
  command: CommandName;
  data: SmartLicenseData | ShowVersionData | RunningConfigData;
  warnings: ParseWarning[];
}
