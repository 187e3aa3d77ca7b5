// Why an exchange could not happen, in technical terms. The ASA itself only prints
// `Communication message send error`; logs, the lab and `smartlic probe` keep the real cause
// (which hop, which step, which error code). Causes never carry message bodies, so ID tokens and
// certificate secrets cannot leak through them.

import type { BlockMode } from './policy.ts';

/** The step of a connection that failed, in the order they happen. */
export type TransportStep = 'policy' | 'dns' | 'tcp' | 'proxy' | 'tls' | 'http' | 'reply';

export interface TransportCause {
  step: TransportStep;
  /** Stable code: a Node/OpenSSL code (`ECONNREFUSED`, `ETIMEDOUT`, `SELF_SIGNED_CERT_IN_CHAIN`, …) or ours. */
  code: string;
  /** One line for humans; names hosts and ports, never secrets. */
  message: string;
  /** The host the step was talking to (the proxy for tcp/proxy steps when one is used). */
  host: string;
  port: number;
  /** Set when the lab's network policy caused it. */
  policy?: BlockMode;
  /** The proxy's status line for `proxy` failures, e.g. `HTTP/1.1 403 Filtered`. */
  proxyStatus?: string;
  /** HTTP status for `http` failures. */
  httpStatus?: number;
}

/** An error that carries a TransportCause (thrown inside the transport and the probe). */
export class TransportFailure extends Error {
  readonly code: string;
  constructor(readonly detail: TransportCause) {
    super(detail.message);
    this.name = 'TransportFailure';
    this.code = detail.code;
  }
}

/** Error code of anything thrown by node:net/tls or undici, or a fallback. */
export function errorCode(error: unknown, fallback = 'ERROR'): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return fallback;
}

/** The message of anything thrown, one line. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
