// The fix for a device, as exact CLI lines and the ASDM path (seed: "Configuration > Device
// Management > Licensing > Smart Licensing"). Read-only advice: smartlic never types these.

import type { LicenseConfig } from '../../core/model.ts';
import { licenseSmartBlock } from '../../text/index.ts';
import type { Facts, Finding, Remediation } from '../report/contract.ts';
import { FINDINGS, REMEDY_STEPS, type RemedyStep, UNAUTHORIZED_CODES } from './catalogue.ts';
import { CALLHOME_HOST, SMART_RECEIVER } from './findings.ts';

export const ASDM_SMART_LICENSING = 'Configuration > Device Management > Licensing > Smart Licensing';

type Codes = ReadonlySet<string>;

/** `configure terminal`, then `settings` under `license smart`, written as the running config prints them. */
function underLicenseSmart(settings: Omit<LicenseConfig, 'smart'>): string[] {
  const { parent, lines } = licenseSmartBlock(settings);
  return ['configure terminal', parent, ...lines];
}

/** What the outputs say beyond the facts row that a step needs to decide whether it fits. */
export interface RemedyContext {
  /**
   * Whether `feature tier` and `throughput level` are configured: true or false when the outputs
   * show it (`show running-config license`), undefined when they do not.
   */
  entitlementConfigured?: boolean;
}

type Built = Omit<Remediation, 'step'>;

interface Step {
  /** Whether the step fits this device, beyond a finding calling for it. */
  applies(facts: Facts, codes: Codes, ctx: RemedyContext): boolean;
  build(facts: Facts): Built[];
}

// What each remediation step of the catalogue prints. Which findings call for a step is the
// catalogue's (catalogue.ts, `remedies`); the facts decide the wording and rule out steps that
// another one already covers (register again makes renewing pointless).
const STEPS: Record<RemedyStep, Step> = {
  'permit-upstream': {
    applies: () => true,
    build: (facts) => {
      const transport = facts.transport?.type ?? null;
      const proxy = facts.transport?.proxy ?? null;
      const host = transport === 'callhome' ? CALLHOME_HOST : SMART_RECEIVER;
      return [
        {
          why: `Permit HTTPS (TCP 443) from ${facts.name}${proxy ? ` (or its proxy ${proxy.host}:${proxy.port})` : ''} to ${host} on every upstream firewall and proxy${transport === 'callhome' ? '' : `: Smart Transport uses ${SMART_RECEIVER}, not ${CALLHOME_HOST}`}.`,
          cli: [],
          asdm: null,
        },
      ];
    },
  },
  proxy: {
    applies: (facts) => Boolean(facts.transport?.proxy) || facts.transport?.type !== 'callhome',
    build: (facts) => {
      const proxy = facts.transport?.proxy;
      if (proxy)
        return [
          {
            why: `The proxy ${proxy.host}:${proxy.port} is configured: check it allows CONNECT to ${SMART_RECEIVER}:443, and be aware of Cisco bug CSCwr56980 while checking the proxy settings.`,
            cli: [...underLicenseSmart({ transport: { proxy } }), 'end'],
            asdm: ASDM_SMART_LICENSING,
          },
        ];
      return [
        {
          why: `Only if this network reaches ${SMART_RECEIVER} through a proxy: configure it under license smart (replace PROXY and PORT).`,
          // PROXY and PORT are placeholders, which the renderer's numeric port cannot hold.
          cli: [
            'configure terminal',
            'license smart',
            'transport proxy PROXY port PORT',
            'end',
            'write memory',
          ],
          asdm: ASDM_SMART_LICENSING,
        },
      ];
    },
  },
  'register-again': {
    applies: () => true,
    build: () => [
      {
        why: 'The registration is lost: once the License Authority is reachable, register again with a new ID token from the Smart Account (Virtual Account > General > New Token).',
        cli: ['license smart register idtoken <token> force'],
        asdm: ASDM_SMART_LICENSING,
      },
    ],
  },
  register: {
    applies: (_, codes) => !codes.has('REGISTRATION_LOST'),
    build: () => [
      {
        why: 'Register the device with an ID token from its Smart Account’s virtual account.',
        cli: ['license smart register idtoken <token>'],
        asdm: ASDM_SMART_LICENSING,
      },
    ],
  },
  'renew-auth': {
    applies: (_, codes) => !codes.has('REGISTRATION_LOST') && !codes.has('UNREGISTERED'),
    build: () => [
      {
        why: 'Once reachable, renew the authorization now instead of waiting for the next attempt.',
        cli: ['license smart renew auth'],
        asdm: ASDM_SMART_LICENSING,
      },
    ],
  },
  'renew-id': {
    applies: (_, codes) => !codes.has('REGISTRATION_LOST'),
    build: () => [
      {
        why: 'Once reachable, renew the ID certificate before the registration expires.',
        cli: ['license smart renew id'],
        asdm: ASDM_SMART_LICENSING,
      },
    ],
  },
  'transport-smart': {
    applies: (facts) => facts.transport?.type === 'callhome',
    build: () => [
      {
        why: `Call Home is deprecated: return to Smart Transport as soon as ${SMART_RECEIVER}:443 is reachable.`,
        cli: [...underLicenseSmart({ transport: { type: 'smart' } }), 'end', 'write memory'],
        asdm: ASDM_SMART_LICENSING,
      },
    ],
  },
  'callhome-stopgap': {
    applies: (facts) => facts.transport?.type === 'smart',
    build: () => [
      {
        why: `Stop-gap during an outage only, when ${CALLHOME_HOST} is reachable but ${SMART_RECEIVER} is not yet: fall back to Call Home, and go back to \`transport type smart\` as soon as connectivity is restored (Call Home is deprecated).`,
        cli: [...underLicenseSmart({ transport: { type: 'callhome' } }), 'end'],
        asdm: ASDM_SMART_LICENSING,
      },
    ],
  },
  'platform-entitlement': {
    // A consequence of lost authorization needs no entitlement change when tier and level are
    // configured (or the outputs do not say they are missing): the cause's steps come first.
    applies: (_, codes, ctx) =>
      ctx.entitlementConfigured === false || !UNAUTHORIZED_CODES.some((c) => codes.has(c)),
    build: () => [
      {
        why: 'Give the platform its entitlement (feature tier and throughput level), then register it.',
        cli: [...underLicenseSmart({ featureTier: 'standard', throughputLevel: '<100M|1G|2G|10G>' }), 'end'],
        asdm: ASDM_SMART_LICENSING,
      },
    ],
  },
};

/** Remediation steps for the findings of one device, in the order to apply them. */
export function remediationFor(facts: Facts, findings: Finding[], ctx: RemedyContext = {}): Remediation[] {
  const codes = new Set<string>(findings.map((f) => f.code));
  const wanted = new Set<RemedyStep>(findings.flatMap((f) => FINDINGS[f.code].remedies));
  return REMEDY_STEPS.filter((id) => wanted.has(id) && STEPS[id].applies(facts, codes, ctx)).flatMap((id) =>
    STEPS[id].build(facts).map((r) => ({ step: id, ...r })),
  );
}
