// The shape `smartlic probe --json` prints (version 1), written once as zod: the types below, the
// committed schema/probe-output.schema.json (scripts/gen-schema.ts) and the tests' validation of
// real probe output all come from it. Scripts rely on it: add fields, never rename or remove them.
// One entry per URL, each with its steps in the order they ran.

import { z } from 'zod';

export const PROBE_STEP_NAMES = ['dns', 'tcp', 'proxy', 'tls', 'http'] as const;
export type ProbeStepName = (typeof PROBE_STEP_NAMES)[number];
export const STEP_STATUSES = ['pass', 'fail', 'skip'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

const hostPort = z.object({ host: z.string(), port: z.number().int() });

const stepBase = {
  status: z.enum(STEP_STATUSES),
  /** Duration of this step alone, in milliseconds (null when skipped). */
  ms: z.number().min(0).nullable(),
  /** One line for humans. */
  summary: z.string(),
  /** Stable failure code (`ETIMEDOUT`, `ECONNREFUSED`, `PROXY_403`, `UNTRUSTED`, …) or null. */
  code: z.string().nullable(),
};

/** The HTTP answer of the proxy and http steps: null without one. */
const httpAnswer = {
  /** e.g. `HTTP/1.1 200 Connection established`, `HTTP/1.1 403 Filtered`. */
  statusLine: z.string().nullable(),
  statusCode: z.number().int().nullable(),
};

/**
 * Who answered: literal: the host is an IP address; resolve: --resolve; system: this host's
 * resolver (the nameservers of /etc/resolv.conf); server: the name-server given as --dns-server.
 */
export const DNS_SOURCES = ['literal', 'resolve', 'system', 'server'] as const;
export type DnsSource = (typeof DNS_SOURCES)[number];

/**
 * Why a name did not resolve. no-such-name: the resolver says it does not exist (NXDOMAIN,
 * ENOTFOUND); no-address: it exists without an address record (ENODATA); resolver-unreachable:
 * no answer came (EAI_AGAIN, a timeout, a refused port); resolver-error: the resolver answered
 * with an error (SERVFAIL, REFUSED, …).
 */
export const DNS_FAILURES = ['no-such-name', 'no-address', 'resolver-unreachable', 'resolver-error'] as const;
export type DnsFailure = (typeof DNS_FAILURES)[number];

export const DnsStepSchema = z.object({
  step: z.literal('dns'),
  ...stepBase,
  /** The name resolved: the URL's host, or the proxy's when a proxy is used. */
  name: z.string(),
  addresses: z.array(z.string()),
  source: z.enum(DNS_SOURCES),
  /** The name servers asked (`ADDR` or `ADDR:PORT`); empty for literal and resolve. */
  resolvers: z.array(z.string()),
  /** Why it did not resolve; null when it did (or was not attempted). */
  failure: z.enum(DNS_FAILURES).nullable(),
});
export type DnsStep = z.infer<typeof DnsStepSchema>;

export const TcpStepSchema = z.object({
  step: z.literal('tcp'),
  ...stepBase,
  address: z.string().nullable(),
  port: z.number().int(),
});
export type TcpStep = z.infer<typeof TcpStepSchema>;

export const ProxyStepSchema = z.object({
  step: z.literal('proxy'),
  ...stepBase,
  ...httpAnswer,
});
export type ProxyStep = z.infer<typeof ProxyStepSchema>;

export const CertSummarySchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  validTo: z.string(),
  fingerprint256: z.string(),
});
export type CertSummary = z.infer<typeof CertSummarySchema>;

/** How the server's chain relates to the trust stores. */
export const CHAIN_TRUSTS = ['public', 'private-trusted', 'untrusted'] as const;
export type ChainTrust = (typeof CHAIN_TRUSTS)[number];

export const TlsStepSchema = z.object({
  step: z.literal('tls'),
  ...stepBase,
  protocol: z.string().nullable(),
  alpn: z.string().nullable(),
  subject: z.string().nullable(),
  issuer: z.string().nullable(),
  chain: z.array(CertSummarySchema),
  /** Verifies (chain and host name) against Node's public roots plus --ca. */
  authorized: z.boolean(),
  verifyError: z.string().nullable(),
  /** public: ends at a public root; private-trusted: only thanks to --ca; untrusted: neither. */
  trust: z.enum(CHAIN_TRUSTS).nullable(),
  /**
   * true when a Cisco host presents a certificate for its name that does not chain to a public
   * root (TLS inspection re-signing it); null for hosts where a private CA may be legitimate.
   */
  intercepted: z.boolean().nullable(),
});
export type TlsStep = z.infer<typeof TlsStepSchema>;

export const HttpStepSchema = z.object({
  step: z.literal('http'),
  ...stepBase,
  ...httpAnswer,
});
export type HttpStep = z.infer<typeof HttpStepSchema>;

export const ProbeStepSchema = z.discriminatedUnion('step', [
  DnsStepSchema,
  TcpStepSchema,
  ProxyStepSchema,
  TlsStepSchema,
  HttpStepSchema,
]);
export type ProbeStep = z.infer<typeof ProbeStepSchema>;

export const ProbeVerdictSchema = z.object({
  ok: z.boolean(),
  failedStep: z.enum(PROBE_STEP_NAMES).nullable(),
  /** One line an ASA operator can act on. */
  explanation: z.string(),
  notes: z.array(z.string()),
});
export type ProbeVerdict = z.infer<typeof ProbeVerdictSchema>;

export const ProbeResultSchema = z.object({
  url: z.string(),
  host: z.string(),
  port: z.number().int(),
  proxy: hostPort.nullable(),
  ok: z.boolean(),
  totalMs: z.number().min(0),
  verdict: ProbeVerdictSchema,
  steps: z.array(ProbeStepSchema),
});
export type ProbeResult = z.infer<typeof ProbeResultSchema>;

export const ProbeReportSchema = z
  .object({
    version: z.literal(1),
    generatedAt: z.string(),
    ok: z.boolean(),
    proxy: hostPort.nullable(),
    results: z.array(ProbeResultSchema),
  })
  .describe('smartlic probe --json');
export type ProbeReport = z.infer<typeof ProbeReportSchema>;
