// A pure stand-in for a License Authority that says yes, for scenarios, the timeline's "restored"
// assumption and tests. The real one (src/authority) speaks HTTPS; this one only answers with the
// domain replies of protocol.ts, deterministically from the request and the time.

import { entitlementName } from '../entitlements.ts';
import { type AgentRequest, COMM_SEND_ERROR, type ExchangeOutcome, type Instant } from './protocol.ts';
import { registrationExpiry } from './timers.ts';

export interface SimulatedAuthorityOptions {
  smartAccount?: string;
  virtualAccount?: string;
  exportControlAllowed?: boolean;
}

/** The outcome a healthy authority gives `request` at `at`. */
export function simulatedAuthority(opts: SimulatedAuthorityOptions = {}) {
  return (request: AgentRequest, at: Instant): ExchangeOutcome => {
    switch (request.kind) {
      case 'register':
        return {
          ok: true,
          reply: {
            kind: 'registered',
            certificateId: `sim-${request.udi.sn}-${at}`,
            smartAccount: opts.smartAccount ?? 'Lab Smart Account',
            virtualAccount: opts.virtualAccount ?? 'DEFAULT',
            exportControlAllowed: opts.exportControlAllowed ?? true,
            issuedAt: at,
            expiresAt: registrationExpiry(at),
          },
        };
      case 'renewId':
        return {
          ok: true,
          reply: {
            kind: 'idRenewed',
            certificateId: `sim-${request.udi.sn}-${at}`,
            issuedAt: at,
            expiresAt: registrationExpiry(at),
          },
        };
      case 'renewAuth':
        return {
          ok: true,
          reply: {
            kind: 'authorized',
            at,
            entitlements: request.entitlements.map((e) => ({
              tag: e.tag,
              name: entitlementName(e.tag) ?? e.tag,
              count: e.count,
              status: 'AUTHORIZED',
              exportStatus: 'NOT RESTRICTED',
            })),
          },
        };
      case 'deregister':
        return { ok: true, reply: { kind: 'deregistered' } };
    }
  };
}

/** The outcome when the authority cannot be reached at all. */
export const unreachable = (): ExchangeOutcome => ({ ok: false, failureReason: COMM_SEND_ERROR });
