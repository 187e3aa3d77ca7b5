// Licensing transports as data: where Smart Transport and Call Home send their messages, an
// optional proxy, and which transport a release uses by default.

import type { TransportTarget } from './agent/protocol.ts';
import type { ProxyInfo } from './model.ts';
import { type AsaVersion, compareAsaVersions, parseAsaVersion } from './version.ts';

/** Smart Transport URL as printed by `show license status` (seed sample). */
export const SMART_TRANSPORT_URL = 'https://smartreceiver.cisco.com/licservice/license';
/** Call Home licence URL (Cisco ASAv templates, ASA REST default `license_server_url`). */
export const CALLHOME_URL = 'https://tools.cisco.com/its/service/oddce/services/DDCEService';

export type LicensingTransportType = 'smart' | 'callhome';

export interface TransportEndpoint {
  type: LicensingTransportType;
  url: string;
  host: string;
  port: number;
}

/** Host and port of an https URL (443 when the URL names none). */
export function endpointOf(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: u.port ? Number(u.port) : u.protocol === 'http:' ? 80 : 443 };
}

/** The endpoint a transport type talks to (optionally at a configured URL). */
export function endpointFor(type: LicensingTransportType, url?: string): TransportEndpoint {
  const u = url ?? (type === 'smart' ? SMART_TRANSPORT_URL : CALLHOME_URL);
  return { type, url: u, ...endpointOf(u) };
}

/**
 * The first release whose default transport is Smart: 9.22 (the ASA upgrade guide). 9.22(1) was
 * never released (the first build is 9.22(1.1)), so every 9.22 build compares at or above it.
 * One data entry, overridable per call.
 */
export const SMART_DEFAULT_SINCE = {
  version: '9.22(1)',
  source:
    'ASA upgrade guide, 9.22 guidelines: "In 9.22, the smart licensing default transport changed from Smart Call Home to Smart Transport … If you downgrade, the transport is set back to Smart Call Home" (https://www.cisco.com/c/en/us/td/docs/security/asa/upgrade/asa-upgrade/planning.html)',
} as const;

/** The transport a release uses when `transport type` is not configured. */
export function defaultTransportFor(
  version: string | AsaVersion,
  opts: { smartDefaultSince?: string } = {},
): LicensingTransportType {
  const v = typeof version === 'string' ? parseAsaVersion(version) : version;
  return compareAsaVersions(v, opts.smartDefaultSince ?? SMART_DEFAULT_SINCE.version) >= 0
    ? 'smart'
    : 'callhome';
}

/** The target the agent's driver hands to the transport client. */
export function transportTarget(
  type: LicensingTransportType,
  opts: { url?: string; proxy?: ProxyInfo | null } = {},
): TransportTarget {
  const { url } = endpointFor(type, opts.url);
  return { type, url, ...(opts.proxy ? { proxy: { host: opts.proxy.host, port: opts.proxy.port } } : {}) };
}
