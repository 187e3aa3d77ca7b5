// Turns the steps of one probe into a verdict: which step failed first and one line an ASA
// operator can act on (what is in the way, and what to change on the network or the ASA).

import { resolverWords } from './name-lookup.ts';
import type { DnsStep, ProbeResult, ProbeStep, ProbeVerdict, ProxyStep, TlsStep } from './types.ts';

type Base = Pick<ProbeResult, 'host' | 'port' | 'proxy' | 'steps'>;

const PROXY_NOTE =
  'On Smart Transport `show license status` may print `Proxy: Not Supported` even with a proxy configured; check `show running-config license` and Cisco bug CSCwr56980.';

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/** Where the ASA's own name resolution is configured. */
const ASA_DNS = '`dns domain-lookup <interface>` and a `name-server` in `dns server-group DefaultDNS`';

/** The verdict for one probed URL. */
export function explain(result: Base, timeoutMs: number): ProbeVerdict {
  const { host, port, proxy } = result;
  const target = `${host}:${port}`;
  const notes: string[] = proxy ? [PROXY_NOTE] : [];
  const failed = result.steps.find((s) => s.status === 'fail');
  const dns = result.steps.find((s): s is DnsStep => s.step === 'dns');
  if (!proxy && dns?.status === 'pass' && dns.source === 'system')
    notes.push(
      `${host} was resolved by ${resolverWords('system', dns.resolvers)}; the ASA asks its own name-server (${ASA_DNS}): to see that server's answer from here, add --dns-server ADDR.`,
    );
  const tls = result.steps.find((s): s is TlsStep => s.step === 'tls');
  if (!failed) {
    const http = result.steps.find((s) => s.step === 'http');
    if (tls?.trust === 'private-trusted') {
      notes.push(
        `The certificate chain is trusted only through --ca (issuer ${tls.issuer}): a real ASA trusts Cisco's public CAs, so it would refuse this unless it is your lab or an on-prem satellite${tls.intercepted ? '; if it is a TLS-inspection CA, exempt this host from inspection' : ''}.`,
      );
    }
    return {
      ok: true,
      failedStep: null,
      explanation: `${target} is reachable${proxy ? ` through proxy ${proxy.host}:${proxy.port}` : ' directly'}: ${http?.summary ?? 'HTTP answered'}`,
      notes,
    };
  }
  return {
    ok: false,
    failedStep: failed.step,
    explanation: explainFailure(failed, result, timeoutMs, tls),
    notes,
  };
}

function explainFailure(step: ProbeStep, result: Base, timeoutMs: number, tls: TlsStep | undefined): string {
  const { host, port, proxy } = result;
  const target = `${host}:${port}`;
  const useProxy = `use \`transport proxy HOST port PORT\` under \`license smart\` (see CSCwr56980)`;
  const proxyName = proxy ? `${proxy.host}:${proxy.port}` : '';
  switch (step.step) {
    case 'dns':
      return explainDns(step as DnsStep, host, proxy);
    case 'tcp':
      if (proxy) {
        return step.code === 'ETIMEDOUT'
          ? `TCP to the proxy ${proxyName} timed out after ${seconds(timeoutMs)}: a firewall between the ASA and the proxy drops it; permit it or fix the proxy address`
          : `TCP to the proxy ${proxyName} failed (${step.code}): nothing accepts connections there; check the proxy host and port`;
      }
      if (step.code === 'ETIMEDOUT') {
        return `TCP to ${target} timed out after ${seconds(timeoutMs)}: an upstream firewall drops it; permit it or ${useProxy}`;
      }
      if (step.code === 'ECONNREFUSED') {
        return `TCP to ${target} was refused: a firewall rejects it (or nothing listens there); permit it upstream or ${useProxy}`;
      }
      return `TCP to ${target} failed (${step.code}): ${step.summary}`;
    case 'proxy':
      return explainProxy(step as ProxyStep, target, proxyName, timeoutMs);
    case 'tls': {
      if (step.code === 'ETIMEDOUT') {
        return `TCP to ${target} connects but the TLS handshake got no answer within ${seconds(timeoutMs)}: a device in the path (IPS, TLS inspection, wrong service) holds the connection silently; exempt ${host} from inspection`;
      }
      if (tls?.intercepted) {
        return `TLS to ${host} looks INTERCEPTED: its certificate is issued by "${tls.issuer}", not a public CA; a TLS-inspection device re-signs the traffic and the ASA will not trust it: exempt ${host} from TLS inspection`;
      }
      if (tls && tls.chain.length > 0) {
        return `TLS to ${host}: the certificate does not verify (${tls.verifyError}; issuer "${tls.issuer}"): the ASA would fail the same way; check what answers on ${target} (pass --ca FILE if it is a private CA you trust)`;
      }
      return `TLS handshake with ${target} failed (${step.code}): a device in the path cuts TLS to ${host} (SNI filtering?); permit it upstream`;
    }
    case 'http':
      return `HTTPS to ${target}: TLS works but no HTTP answer came (${step.code}): ${step.summary}`;
  }
}

/**
 * A name that did not resolve. What this host's resolver says is not what the ASA gets: the ASA
 * asks the name-server of its own `dns server-group`, which --dns-server lets the probe ask too.
 */
function explainDns(step: DnsStep, host: string, proxy: Base['proxy']): string {
  const who = resolverWords(step.source, step.resolvers);
  const name = proxy ? `the proxy name ${step.name}` : step.name;
  const own = step.source === 'server';
  switch (step.failure) {
    case 'no-such-name':
    case 'no-address': {
      const what = `${step.failure === 'no-such-name' ? 'does not exist' : 'has no address record'} (${step.code})`;
      if (proxy)
        return `DNS: ${who} says ${name} ${what}: fix the proxy address in the ASA's \`transport proxy\` setting (or the name in DNS)`;
      return own
        ? `DNS: ${who} says ${host} ${what}: an ASA using this name-server cannot resolve it either; point the ASA's ${ASA_DNS} at a server that resolves public names`
        : `DNS: ${who} says ${host} ${what}; that is this host's view: the ASA resolves ${host} with its own ${ASA_DNS}; ask that name-server with --dns-server ADDR, and fix this host's DNS if it should resolve here`;
    }
    case 'resolver-unreachable':
      return own
        ? `DNS: ${who} did not answer (${step.code}): it is unreachable from here; if the ASA uses it, check that UDP and TCP port 53 reach it from the ASA's \`dns domain-lookup\` interface`
        : `DNS: ${who} did not answer (${step.code}), so nothing is known about ${name} yet; fix this host's resolver, or probe with --dns-server (the ASA's name-server) or --resolve ${step.name}:ADDR`;
    default:
      return own
        ? `DNS: ${who} answered with an error for ${name} (${step.code}): its upstream DNS fails or a DNS filter blocks the name; an ASA using this name-server fails the same way`
        : `DNS: ${who} answered with an error for ${name} (${step.code}): its upstream DNS fails or a DNS filter blocks the name; the ASA uses its own name-server: probe it with --dns-server ADDR`;
  }
}

function explainProxy(step: ProxyStep, target: string, proxyName: string, timeoutMs: number): string {
  const status = step.statusLine ?? '';
  switch (step.statusCode) {
    case 403:
      return `the proxy ${proxyName} refused CONNECT ${target} (${status}): allow ${target.split(':')[0]} (port 443) in the proxy's filter or ACL`;
    case 407:
      return `the proxy ${proxyName} wants authentication (${status}): let the ASA's address through without proxy authentication`;
    case 502:
    case 503:
    case 504:
      return `the proxy ${proxyName} could not reach ${target} (${status}): the proxy's own DNS or upstream path to Cisco is blocked`;
    case null:
      return step.code === 'ETIMEDOUT'
        ? `the proxy ${proxyName} accepted TCP but did not answer CONNECT ${target} within ${seconds(timeoutMs)}: is it an HTTP proxy?`
        : `the proxy ${proxyName} failed during CONNECT ${target} (${step.code}): ${step.summary}`;
    default:
      return `the proxy ${proxyName} refused CONNECT ${target} (${status})`;
  }
}
