// The shape `smartlic probe --json` prints (version 1). Scripts rely on it: add fields, never
// rename or remove them. One entry per URL, each with its steps in the order they ran.
//
// {
//   "version": 1, "generatedAt": ISO-8601, "ok": boolean, "proxy": {host, port} | null,
//   "results": [{
//     "url", "host", "port", "proxy": {host, port} | null, "ok", "totalMs",
//     "verdict": {"ok", "failedStep": step | null, "explanation": one line, "notes": [..]},
//     "steps": [{"step": "dns"|"tcp"|"proxy"|"tls"|"http", "status": "pass"|"fail"|"skip",
//                "ms": number|null, "summary": one line, "code": string|null, ...step fields}]
//   }]
// }
// Step fields: dns {name, addresses[], source: "literal"|"resolve"|"system"}; tcp {address, port};
// proxy {statusLine, statusCode}; tls {protocol, alpn, subject, issuer, chain[{subject, issuer,
// validTo, fingerprint256}], authorized, verifyError, trust: "public"|"private-trusted"|"untrusted",
// intercepted: boolean|null}; http {statusLine, statusCode}.

export type ProbeStepName = 'dns' | 'tcp' | 'proxy' | 'tls' | 'http';
export type StepStatus = 'pass' | 'fail' | 'skip';

export interface StepBase {
  step: ProbeStepName;
  status: StepStatus;
  /** Duration of this step alone, in milliseconds (null when skipped). */
  ms: number | null;
  /** One line for humans. */
  summary: string;
  /** Stable failure code (`ETIMEDOUT`, `ECONNREFUSED`, `PROXY_403`, `UNTRUSTED`, …) or null. */
  code: string | null;
}

export interface DnsStep extends StepBase {
  step: 'dns';
  /** The name resolved: the URL's host, or the proxy's when a proxy is used. */
  name: string;
  addresses: string[];
  /** literal: the host is an IP address; resolve: from --resolve; system: the OS resolver. */
  source: 'literal' | 'resolve' | 'system';
}

export interface TcpStep extends StepBase {
  step: 'tcp';
  address: string | null;
  port: number;
}

export interface ProxyStep extends StepBase {
  step: 'proxy';
  /** e.g. `HTTP/1.1 200 Connection established`, `HTTP/1.1 403 Filtered`; null without an answer. */
  statusLine: string | null;
  statusCode: number | null;
}

export interface CertSummary {
  subject: string;
  issuer: string;
  validTo: string;
  fingerprint256: string;
}

/** How the server's chain relates to the trust stores. */
export type ChainTrust = 'public' | 'private-trusted' | 'untrusted';

export interface TlsStep extends StepBase {
  step: 'tls';
  protocol: string | null;
  alpn: string | null;
  subject: string | null;
  issuer: string | null;
  chain: CertSummary[];
  /** Verifies (chain and host name) against Node's public roots plus --ca. */
  authorized: boolean;
  verifyError: string | null;
  /** public: ends at a public root; private-trusted: only thanks to --ca; untrusted: neither. */
  trust: ChainTrust | null;
  /**
   * true when a Cisco host presents a certificate for its name that does not chain to a public
   * root (TLS inspection re-signing it); null for hosts where a private CA may be legitimate.
   */
  intercepted: boolean | null;
}

export interface HttpStep extends StepBase {
  step: 'http';
  statusLine: string | null;
  statusCode: number | null;
}

export type ProbeStep = DnsStep | TcpStep | ProxyStep | TlsStep | HttpStep;

export interface ProbeVerdict {
  ok: boolean;
  failedStep: ProbeStepName | null;
  /** One line an ASA operator can act on. */
  explanation: string;
  notes: string[];
}

export interface ProbeResult {
  url: string;
  host: string;
  port: number;
  proxy: { host: string; port: number } | null;
  ok: boolean;
  totalMs: number;
  verdict: ProbeVerdict;
  steps: ProbeStep[];
}

export interface ProbeReport {
  version: 1;
  generatedAt: string;
  ok: boolean;
  proxy: { host: string; port: number } | null;
  results: ProbeResult[];
}
