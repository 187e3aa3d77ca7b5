// Small builders for probe step records: durations, failures as (code, message), and the
// placeholder a step gets when an earlier one failed.

import { errorCode, errorMessage, TransportFailure } from '../transport/failure.ts';
import type { ProbeStepName } from './types.ts';

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

/** The record of a step that was not attempted. */
export function skipped(step: ProbeStepName) {
  const common = { step, status: 'skip' as const, ms: null, code: null, summary: 'not attempted' };
  switch (step) {
    case 'tcp':
      return { ...common, address: null, port: 0 };
    case 'proxy':
    case 'http':
      return { ...common, statusLine: null, statusCode: null };
    case 'tls':
      return {
        ...common,
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
    default:
      return common;
  }
}
