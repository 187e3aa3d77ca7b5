// The one error type collection raises internally. It never escapes collectFleet: each becomes
// DeviceCollection.error. `transient` marks what one retry may cure (refused, reset, connect timeout).

import { SmartlicError } from '../../errors.ts';
import type { CollectPhase } from './types.ts';

/**
 * Why a device could not be audited: the `error.code` of a DeviceCollection and of the audit JSON.
 * The last six are not thrown but set directly: an inventory that does not load, a saved file
 * with no ASA output or that cannot be read (collection), a parser or a rule that threw, or a
 * prediction past its time budget (the audit, src/audit/run.ts). docs/errors.md gives each one's phase and meaning.
 */
export const COLLECT_ERROR_CODES = [
  'ABORTED',
  'AUTH_FAILED',
  'CHANNEL_CLOSED',
  'COMMAND_TIMEOUT',
  'CONNECT_CLOSED',
  'CONNECT_FAILED',
  'CONNECT_REFUSED',
  'CONNECT_RESET',
  'CONNECT_TIMEOUT',
  'DEVICE_TIMEOUT',
  'DNS_FAILED',
  'ENABLE_FAILED',
  'HOSTKEY_CHANGED',
  'HOSTKEY_REVOKED',
  'HOSTKEY_UNKNOWN',
  'KEY_FILE',
  'OUTPUT_TOO_LARGE',
  'SECRET_MISSING',
  'SHELL_REFUSED',
  'UNEXPECTED_PROMPT',
  'UNREACHABLE',
  'USERNAME_MISSING',
  'INVENTORY_INVALID',
  'NO_OUTPUTS',
  'READ_FAILED',
  'PARSE_FAILED',
  'DIAGNOSE_FAILED',
  'DIAGNOSIS_TOO_SLOW',
] as const;
export type CollectErrorCode = (typeof COLLECT_ERROR_CODES)[number];

export class CollectError extends SmartlicError<CollectErrorCode> {
  readonly phase: CollectPhase;
  readonly transient: boolean;

  constructor(
    phase: CollectPhase,
    code: CollectErrorCode,
    message: string,
    opts: { transient?: boolean; cause?: unknown } = {},
  ) {
    super(code, message, { cause: opts.cause, exitCode: 4 });
    this.phase = phase;
    this.transient = opts.transient ?? false;
  }
}

/** Map what ssh2 / the socket threw into a CollectError with one clear line. */
export function classifyConnectError(err: unknown, where: string): CollectError {
  if (err instanceof CollectError) return err;
  const e = err as NodeJS.ErrnoException & { level?: string };
  const code = e?.code;
  if (code === 'ECONNREFUSED')
    return new CollectError('connect', 'CONNECT_REFUSED', `connection refused by ${where}`, {
      transient: true,
    });
  if (code === 'ECONNRESET')
    return new CollectError('connect', 'CONNECT_RESET', `connection reset by ${where}`, { transient: true });
  if (/Connection lost before handshake/.test(e?.message ?? ''))
    // Dropped before the SSH handshake: a session limit or a busy device; worth one retry.
    return new CollectError(
      'connect',
      'CONNECT_CLOSED',
      `${where} closed the connection before the SSH handshake`,
      {
        transient: true,
      },
    );
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return new CollectError('connect', 'UNREACHABLE', `${where} is unreachable (${code})`, {
      transient: true,
    });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new CollectError('connect', 'DNS_FAILED', `cannot resolve ${where.replace(/:\d+$/, '')}`);
  if (e?.level === 'client-timeout' || /Timed out while waiting for handshake/.test(e?.message ?? ''))
    return new CollectError(
      'timeout',
      'CONNECT_TIMEOUT',
      `no SSH handshake from ${where} in time (connect timeout)`,
      {
        transient: true,
      },
    );
  if (e?.level === 'client-authentication')
    return new CollectError(
      'auth',
      'AUTH_FAILED',
      `authentication failed at ${where} (username, password or key rejected)`,
    );
  const msg = (e?.message ?? String(err)).split('\n')[0];
  return new CollectError('connect', 'CONNECT_FAILED', `SSH to ${where} failed: ${msg}`);
}
