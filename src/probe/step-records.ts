// Small builders for probe step records: durations, failures as (code, message), and the empty
// record every step starts from (what a step reports when an earlier one failed, and what a failed
// step fills in).

import { errorCode, errorMessage, TransportFailure } from '../transport/failure.ts';
import type { ProbeStep, ProbeStepName } from './types.ts';

/** The record type of one step name. */
export type StepOf<S extends ProbeStepName> = Extract<ProbeStep, { step: S }>;

/** Milliseconds since `start` (a performance.now() value), to 0.1 ms. */
export function since(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}

/** Code, message and (for proxies) the status line of anything a step threw. */
export function failureOf(error: unknown): { code: string; message: string; proxyStatus?: string } {
  if (error instanceof TransportFailure) {
    return {
      code: error.detail.code,
      message: error.detail.message,
      ...(error.detail.proxyStatus ? { proxyStatus: error.detail.proxyStatus } : {}),
    };
  }
  return { code: errorCode(error), message: errorMessage(error) };
}

function emptyFields(step: ProbeStepName, dnsName: string) {
  switch (step) {
    case 'dns':
      return { name: dnsName, addresses: [], source: 'system' as const, resolvers: [], failure: null };
    case 'tcp':
      return { address: null, port: 0 };
    case 'proxy':
    case 'http':
      return { statusLine: null, statusCode: null };
    case 'tls':
      return {
        protocol: null,
        alpn: null,
        subject: null,
        issuer: null,
        chain: [],
        authorized: false,
        verifyError: null,
        trust: null,
        intercepted: null,
      };
  }
}

/** The record of a step that was not attempted; `dnsName` is the name a DNS step would have resolved. */
export function skipped<S extends ProbeStepName>(step: S, dnsName = ''): StepOf<S> {
  const fields = emptyFields(step, dnsName);
  return { step, status: 'skip', ms: null, code: null, ...fields, summary: 'not attempted' } as StepOf<S>;
}

/**
 * The record of a step that failed after starting at `start`: empty step fields, except those in
 * `fields` (which may also replace the summary, the failure's message by default).
 */
export function failed<S extends ProbeStepName>(
  step: S,
  start: number,
  failure: { code: string; message: string },
  fields: Partial<StepOf<S>> = {},
): StepOf<S> {
  return {
    ...skipped(step),
    status: 'fail',
    ms: since(start),
    code: failure.code,
    summary: failure.message,
    ...fields,
  };
}
