// Which fix a device gets, from its diagnosis and the options: the strategy, the exact lines under
// `license smart` and their rollback, the renewals, how success is verified, and why. Pure: the
// audit's facts and findings in, a plan out. The licensing facts (the release's default
// transport, the proxy advisories) are the core's; the lines are the text layer's (lines.ts).

import type { DeviceAudit, Finding } from '../audit/report/contract.ts';
import {
  ADVISORIES,
  advisoriesFor,
  defaultTransportFor,
  type LicensingTransportType,
  tryParseAsaVersion,
} from '../core/index.ts';
import type { LicenseConfig, ProxyInfo } from '../core/model.ts';
import type { FixPlan, FixStrategy, TransportState } from './contract.ts';
import {
  type ConfiguredTransport,
  changeLines,
  TRANSPORT_PARENTS,
  type TransportTarget,
  transportLines,
  transportState,
} from './lines.ts';
import { describeVerification, type RenewKind } from './verify.ts';

export interface PlanInput {
  /** The device's diagnosis (live, or from a saved `audit --json`). */
  audit: DeviceAudit;
  /** `license smart` as `show running-config license` printed it; undefined from a saved audit. */
  config?: LicenseConfig;
}

export interface PlanOptions {
  /** `--strategy`; undefined: chosen per device from its diagnosis. */
  strategy?: FixStrategy;
  /** `--proxy HOST:PORT` for the proxy strategy. */
  proxy?: ProxyInfo;
  pollSeconds: number;
  timeoutSeconds: number;
  /** `write memory` after a verified renewal (false: `--no-write`). */
  write: boolean;
}

/** Communication with the License Authority fails (seed conditions 1 and 2). */
const FAILING = new Set(['COMM_FAILING', 'AUTH_EXPIRED']);
/** What a registration needs that fix does not do (an ID token). */
const NEEDS_REGISTRATION = new Set(['REGISTRATION_LOST', 'UNREGISTERED']);

/** Each transport as the plans and outcomes name it. */
export const TRANSPORT_NAME: Record<LicensingTransportType, string> = {
  smart: 'Smart Transport',
  callhome: 'Call Home',
};

/** The plan for one device. */
export function planFix(input: PlanInput, opts: PlanOptions): FixPlan {
  const { audit } = input;
  const facts = audit.facts;
  const codes = new Set(audit.findings.map((f) => f.code));
  const findings = (pick: (f: Finding) => boolean) =>
    audit.findings.filter(pick).map((f) => ({ code: f.code, severity: f.severity, summary: f.summary }));
  // A saved audit keeps the effective transport, not the running config: its lines are implied.
  const configured = input.config ? input.config.transport : implied(facts);
  const before = facts.transport
    ? transportState(configured, { type: facts.transport.type, proxy: facts.transport.proxy })
    : configured
      ? transportState(configured, null)
      : null;
  const base: FixPlan = {
    strategy: null,
    action: 'none',
    summary: '',
    why: [],
    evidence: evidenceOf(audit),
    before,
    after: null,
    parents: [],
    lines: [],
    rollback: [],
    renew: [],
    verify: null,
    warnings: [],
  };
  const leave = (action: 'none' | 'skip', summary: string, why = findings(() => true)): FixPlan => ({
    ...base,
    action,
    summary,
    why,
  });

  if (facts.licenseMode === 'pak' || facts.smartLicensing === 'DISABLED')
    return leave('none', 'Smart Licensing is not in use on this device: nothing to fix');
  if (codes.has('USER_CONTEXT'))
    return leave(
      'skip',
      'read from a user context: Smart Licensing is configured in the system context (give fix the system context)',
    );
  if (/standby/.test(facts.failover ?? ''))
    return leave(
      'skip',
      'the standby unit of a failover pair: fix the active unit (its configuration replicates to this one)',
    );
  if (!facts.registration && !facts.authorization)
    return leave(
      'skip',
      'registration and authorization were not read (show license all): the state to fix is unknown',
    );
  const registration = [...codes].filter((c) => NEEDS_REGISTRATION.has(c));
  if (registration.length)
    return leave(
      'skip',
      'the device must be registered again with an ID token (license smart register idtoken …): fix changes transports and renews, it does not register',
      findings((f) => NEEDS_REGISTRATION.has(f.code)),
    );

  const version = tryParseAsaVersion(facts.version ?? undefined);
  const releaseDefault = version ? defaultTransportFor(version) : undefined;
  const type = current(facts.transport?.type ?? null, releaseDefault);
  if (!type)
    return leave('skip', 'the licensing transport is unknown (neither show license nor the release tells)');
  const failing = [...codes].some((c) => FAILING.has(c)) || facts.lastCommunication?.result === 'FAILED';
  const renewalFailing = codes.has('RENEWAL_FAILING');
  const troubled = findings((f) => FAILING.has(f.code) || f.code === 'RENEWAL_FAILING');
  const renew: RenewKind[] = renewalFailing ? ['auth', 'id'] : ['auth'];
  const healthy = `${TRANSPORT_NAME[type]} works (last communication ${lastWords(audit)}): nothing to fix`;

  const change = (strategy: FixStrategy, target: TransportTarget, summary: string, why: FixPlan['why']) => {
    const { lines, rollback, after } = changeLines(configured, facts.transport?.type ?? type, target);
    const plan: FixPlan = {
      ...base,
      strategy,
      action: lines.length ? 'change' : 'renew',
      summary,
      why,
      after: { type: target.type, proxy: after.proxy ?? null, lines: transportLines(after) },
      parents: lines.length ? [...TRANSPORT_PARENTS] : [],
      lines,
      rollback,
      renew,
      warnings: warningsFor(audit, target, before),
    };
    return { ...plan, verify: verification(plan, opts) };
  };
  const renewOnly = (summary: string): FixPlan => {
    const plan: FixPlan = { ...base, strategy: 'renew', action: 'renew', summary, why: troubled, renew };
    return { ...plan, verify: verification(plan, opts) };
  };

  const strategy = opts.strategy ?? auto(type, failing || renewalFailing, releaseDefault);
  switch (strategy) {
    case undefined:
      return leave(
        'none',
        type === 'callhome'
          ? `on Call Home, ${facts.version ?? 'this release'}'s default: nothing to fix`
          : healthy,
        [],
      );
    case 'renew':
      return failing || renewalFailing
        ? renewOnly(`renew over ${TRANSPORT_NAME[type]} (the path is expected to work again)`)
        : leave('none', healthy, []);
    case 'callhome':
      if (type === 'callhome') return leave('none', 'already on Call Home: nothing to change', []);
      if (!failing && !renewalFailing) return leave('none', healthy, []);
      return change(
        'callhome',
        { type: 'callhome' },
        'move licensing to Call Home while Smart Transport cannot reach the License Authority; return to Smart Transport once smartreceiver.cisco.com is permitted (smartlic fix --strategy smart)',
        troubled,
      );
    case 'smart':
      if (type === 'smart') return leave('none', 'already on Smart Transport: nothing to change', []);
      // A revert: Call Home configured as a fallback, or a release that defaults to Smart
      // Transport. A device on Call Home because its release defaults to it has nothing to revert.
      if (releaseDefault !== 'smart' && input.config?.transport?.type !== 'callhome')
        return leave(
          'none',
          `on Call Home, ${facts.version ?? 'its release'}'s default, not a fallback: nothing to revert`,
          [],
        );
      return change(
        'smart',
        { type: 'smart' },
        `revert to Smart Transport${releaseDefault === 'smart' ? ` (${facts.version}'s default)` : ''}, proving the path by the device's own renewal; back to Call Home if it fails`,
        findings((f) => f.code === 'TRANSPORT_CALLHOME' || FAILING.has(f.code)),
      );
    case 'proxy': {
      const proxy = opts.proxy;
      if (!proxy) return leave('skip', 'the proxy strategy needs --proxy HOST:PORT');
      const through = `${proxy.host}:${proxy.port}`;
      const sameProxy =
        facts.transport?.proxy?.host === proxy.host && facts.transport.proxy.port === proxy.port;
      if (type === 'smart' && sameProxy)
        return failing
          ? leave(
              'skip',
              `already on Smart Transport through ${through}, and it fails: check the proxy itself`,
            )
          : leave('none', `already on Smart Transport through ${through}: nothing to change`, []);
      if (type === 'smart' && !failing && !renewalFailing) return leave('none', healthy, []);
      return change(
        'proxy',
        { type: 'smart', proxy },
        `send licensing over Smart Transport through the proxy ${through}`,
        type === 'callhome'
          ? findings((f) => f.code === 'TRANSPORT_CALLHOME' || FAILING.has(f.code))
          : troubled,
      );
    }
  }
}

/** The strategy a device gets when none is asked for. */
function auto(
  type: LicensingTransportType,
  failing: boolean,
  releaseDefault: LicensingTransportType | undefined,
): FixStrategy | undefined {
  if (type === 'smart') return failing ? 'callhome' : undefined;
  // On Call Home: back to Smart Transport where the release defaults to it (Call Home is going away).
  return releaseDefault === 'smart' ? 'smart' : failing ? 'renew' : undefined;
}

/** The transport the device uses: what it printed, else its release's default. */
function current(
  printed: string | null,
  releaseDefault: LicensingTransportType | undefined,
): LicensingTransportType | undefined {
  if (printed === 'smart' || printed === 'callhome') return printed;
  return printed === null ? releaseDefault : undefined;
}

/**
 * The configured transport a saved audit implies (it keeps the effective transport, not the
 * running config): its type and proxy as if configured. The live run reads the real lines.
 */
function implied(facts: DeviceAudit['facts']): ConfiguredTransport | undefined {
  const t = facts.transport;
  if (!t || (t.type !== 'smart' && t.type !== 'callhome')) return undefined;
  return { type: t.type, ...(t.type === 'smart' && t.proxy ? { proxy: t.proxy } : {}) };
}

function verification(plan: FixPlan, opts: PlanOptions): string {
  return describeVerification({
    renew: plan.renew,
    pollSeconds: opts.pollSeconds,
    timeoutSeconds: opts.timeoutSeconds,
    rollback: plan.rollback,
    write: opts.write && plan.lines.length > 0,
  });
}

/**
 * Cautions for the target: the core's advisories that concern a licensing proxy (CSCwr56980)
 * when Smart Transport will go through one, and Call Home's own proxy setting.
 */
function warningsFor(audit: DeviceAudit, target: TransportTarget, before: TransportState | null): string[] {
  const out: string[] = [];
  const proxied = target.type === 'smart' && (target.proxy ?? before?.proxy);
  if (proxied) {
    const concern = new Set(ADVISORIES.filter((a) => a.requiresProxy).map((a) => a.id));
    let matches: ReturnType<typeof advisoriesFor> = [];
    try {
      matches = advisoriesFor({
        version: audit.facts.version ?? undefined,
        platform: audit.facts.platform ?? undefined,
        proxyConfigured: true,
        smartLicensing: true,
      });
    } catch {
      // An unreadable version: the proxy advisories do not depend on it.
      matches = advisoriesFor({ proxyConfigured: true, smartLicensing: true });
    }
    for (const m of matches)
      if (concern.has(m.id) && m.affected !== false) out.push(`${m.id}: ${m.summary} (${m.reason})`);
  }
  if (target.type === 'callhome' && before?.proxy)
    out.push(
      `Smart Transport went through the proxy ${before.proxy.host}:${before.proxy.port}; Call Home uses the http-proxy configured under call-home instead: if it needs one, configure it there`,
    );
  return out;
}

/** `SUCCEEDED on 2026-01-12T…` or `unknown`. */
function lastWords(audit: DeviceAudit): string {
  const last = audit.facts.lastCommunication;
  return last ? `${last.result}${last.at ? ` on ${last.at}` : ''}` : 'unknown';
}

/** The facts the plan rests on, each with the output it came from. */
function evidenceOf(audit: DeviceAudit): string[] {
  const f = audit.facts;
  const from = (key: string) => {
    const s = f.sources[key];
    return s ? ` (${s.command}${s.file ? `, ${s.file}${s.line ? `:${s.line}` : ''}` : ''})` : '';
  };
  const out: string[] = [];
  if (f.transport)
    out.push(
      `transport ${f.transport.type}${f.transport.url ? ` ${f.transport.url}` : ''}${f.transport.proxy ? ` through ${f.transport.proxy.host}:${f.transport.proxy.port}` : ''}${from('transport')}`,
    );
  const last = f.lastCommunication;
  if (last)
    out.push(
      `last communication ${last.result}${last.at ? ` on ${last.at}` : ''}${last.failureReason ? ` (${last.failureReason})` : ''}${from('lastCommunication')}`,
    );
  if (f.authorization)
    out.push(
      `authorization ${f.authorization}${f.communicationDeadline ? `, communication deadline ${f.communicationDeadline}${f.daysToDeadline !== null ? ` (${f.daysToDeadline} days)` : ''}` : ''}${from('authorization')}`,
    );
  if (f.registration)
    out.push(
      `registration ${f.registration}${f.registrationExpires ? `, expires ${f.registrationExpires}` : ''}${from('registration')}`,
    );
  if (f.version) out.push(`version ${f.version}${from('version')}`);
  return out;
}
