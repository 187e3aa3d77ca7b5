// What a device's Smart Licensing agent says to the License Authority and what it hears back,
// as domain values. The wire format (JSON over HTTPS, versioned) lives in src/authority and
// src/transport; the agent state machine in src/core/agent only sees these types, so the core
// stays free of sockets. Times are epoch milliseconds (UTC) on the lab's one clock.

import type { TransportType } from '../model.ts';

/** Milliseconds since the epoch, UTC. */
export type Instant = number;

/** Something that tells the time: the lab's virtual clock, or the wall clock. */
export interface Clock {
  now(): Instant;
}

export interface Udi {
  pid: string;
  sn: string;
}

/** An entitlement the device asks for, e.g. tag `ASAv-STD-1G`, count 1. */
export interface EntitlementRequest {
  tag: string;
  count: number;
}

export type AgentRequest =
  | {
      kind: 'register';
      idToken: string;
      force: boolean;
      udi: Udi;
      hostname?: string;
      softwareVersion?: string;
      entitlements: EntitlementRequest[];
    }
  | { kind: 'renewId'; udi: Udi; certificateId: string }
  | { kind: 'renewAuth'; udi: Udi; certificateId: string; entitlements: EntitlementRequest[] }
  | { kind: 'deregister'; udi: Udi; certificateId: string };

/** What the authority says of one requested entitlement (`Status:` under License Usage). */
export const GRANT_STATUS_WORDS = ['AUTHORIZED', 'NOT AUTHORIZED'] as const;
/** `Export status:` of a usage entry (NTC-ALL5 prints `NOT RESTRICTED`). */
export const GRANT_EXPORT_STATUS_WORDS = [
  'NOT RESTRICTED',
  'RESTRICTED - ALLOWED',
  'RESTRICTED - NOT ALLOWED',
] as const;

export interface EntitlementGrant {
  tag: string;
  /** Human name the authority knows the tag by, e.g. `ASAv10 Standard - 1G`. */
  name: string;
  count: number;
  status: (typeof GRANT_STATUS_WORDS)[number];
  exportStatus: (typeof GRANT_EXPORT_STATUS_WORDS)[number];
}

export type AgentReply =
  | {
      kind: 'registered';
      certificateId: string;
      smartAccount: string;
      virtualAccount: string;
      exportControlAllowed: boolean;
      issuedAt: Instant;
      expiresAt: Instant;
    }
  | { kind: 'idRenewed'; certificateId: string; issuedAt: Instant; expiresAt: Instant }
  | { kind: 'authorized'; entitlements: EntitlementGrant[]; at: Instant }
  | { kind: 'deregistered' }
  /** The authority answered and said no (bad or expired token, unknown certificate, …). */
  | { kind: 'rejected'; reason: string };

/** Where and how a message goes; the transport client reads this, the agent only carries it. */
export interface TransportTarget {
  type: TransportType;
  url: string;
  proxy?: { host: string; port: number };
}

/**
 * The outcome of one exchange. A failure carries the reason the ASA prints, e.g.
 * `Communication message send error` when the authority could not be reached at all.
 */
export type ExchangeOutcome = { ok: true; reply: AgentReply } | { ok: false; failureReason: string };

/** The device side of the network: the License Authority issue supplies a real HTTPS one. */
export interface LicensingTransport {
  exchange(request: AgentRequest, target: TransportTarget, at: Instant): Promise<ExchangeOutcome>;
}

/** The failure reason a real ASA prints when the License Authority cannot be reached. */
export const COMM_SEND_ERROR = 'Communication message send error';

/** The honest default until a real transport is wired in: nothing is reachable. */
export const unreachableTransport: LicensingTransport = {
  async exchange() {
    return { ok: false, failureReason: COMM_SEND_ERROR };
  },
};
