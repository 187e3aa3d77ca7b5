// The error codes of the lab's control API (`{"error":{"code","message"}}`, docs/lab-api.md) and
// the error the CLI raises when the API answers with one. The server (control.ts) may only answer
// with these codes; the client (client.ts) turns them into one line and an exit status.

import { EXIT, SmartlicError } from '../errors.ts';

/** Each code and the HTTP status the API answers it with. */
export const LAB_CONTROL_ERRORS = {
  BAD_REQUEST: 400,
  BAD_TARGET: 400,
  BODY_TOO_LARGE: 413,
  INTERNAL: 500,
  NO_DEVICE: 404,
  NOT_FAILOVER_UNIT: 400,
  NOT_FOUND: 404,
  UNAUTHORIZED: 401,
} as const;
export type LabControlErrorCode = keyof typeof LAB_CONTROL_ERRORS;
export const LAB_CONTROL_ERROR_CODES = Object.keys(LAB_CONTROL_ERRORS) as LabControlErrorCode[];

/** An answer without one of our codes (another program on the port, a proxy): `HTTP_<status>`. */
export type LabControlCode = LabControlErrorCode | `HTTP_${number}`;

const KNOWN = new Set<string>(LAB_CONTROL_ERROR_CODES);

/** The control API refused a request. A usage error when the request itself was wrong (400, 404), else 4. */
export class LabControlError extends SmartlicError<LabControlCode> {
  readonly status: number;

  constructor(status: number, answered: { code?: unknown; message?: unknown } | undefined) {
    const code = typeof answered?.code === 'string' && KNOWN.has(answered.code) ? answered.code : undefined;
    const message = typeof answered?.message === 'string' ? answered.message : `lab answered HTTP ${status}`;
    super((code as LabControlErrorCode | undefined) ?? `HTTP_${status}`, message, {
      exitCode: status === 404 || status === 400 ? EXIT.USAGE : EXIT.RUN_FAILED,
    });
    this.status = status;
  }
}

/** No lab answers for this state folder (no control file, a damaged one, or nobody listening). */
export class LabNotRunningError extends SmartlicError<'LAB_NOT_RUNNING'> {
  constructor(stateDir: string, why: string) {
    super('LAB_NOT_RUNNING', `no lab is running for ${stateDir} (${why}); start one with: smartlic lab up`, {
      exitCode: EXIT.RUN_FAILED,
    });
  }
}
