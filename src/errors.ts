// Typed errors with stable codes. The CLI turns them into one clear line and an exit status;
// tests and callers branch on `code`, never on message text. Each class declares its codes as a
// literal list, so a code that is not in the list does not compile; docs/errors.md is the one
// table of them all (class, code, exit status, meaning), and test/errors.test.ts holds it to the
// lists here, in src/core/errors.ts, src/audit/collect/errors.ts and src/lab/control-errors.ts.

import { CoreError } from './core/errors.ts';

export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  device?: string;
}

/**
 * Every exit status smartlic ends with, once (README "Exit status" and docs/exit-status.md
 * document this table). 0-3 are the Monitoring Plugins states, so `audit` and `check` can be
 * alerted on as they are; the run's own failures and usage errors sit outside them, where no
 * device state can be mistaken for them (64 is sysexits.h's EX_USAGE).
 */
export const EXIT = {
  /** Every device checked, nothing worse than info. */
  OK: 0,
  /** The worst device has a warning. */
  WARNING: 1,
  /** The worst device is critical. */
  CRITICAL: 2,
  /** Some device could not be checked and no device is worse (warning or critical). */
  UNKNOWN: 3,
  /** The run itself could not proceed (unreadable inventory or input, no device at all), or an output it was asked for could not be written. */
  RUN_FAILED: 4,
  /** Wrong flags or arguments. */
  USAGE: 64,
  /** A bug: the stack is printed. */
  INTERNAL: 70,
  /** Ctrl-C: what was collected is still reported. */
  INTERRUPTED: 130,
} as const;

/** Exit statuses of errors: usage, or the run could not proceed (I/O, bad input). */
export type ErrorExitStatus = typeof EXIT.USAGE | typeof EXIT.RUN_FAILED;

export class SmartlicError<C extends string = string> extends Error {
  readonly code: C;
  readonly location: ErrorLocation;
  /** Exit status the CLI uses when this error ends a command. */
  readonly exitCode: ErrorExitStatus;

  constructor(
    code: C,
    message: string,
    opts: { location?: ErrorLocation; exitCode?: ErrorExitStatus; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.location = opts.location ?? {};
    this.exitCode = opts.exitCode ?? EXIT.USAGE;
  }

  /** `file:line: message` or `device: message`, the one line the CLI prints. */
  oneLine(): string {
    const { file, line, column, device } = this.location;
    const where = file ? [file, line, column].filter((p) => p !== undefined).join(':') : device;
    return where ? `${where}: ${this.message}` : this.message;
  }
}

export const USAGE_ERROR_CODES = ['USAGE'] as const;
export type UsageErrorCode = (typeof USAGE_ERROR_CODES)[number];

/** Wrong flags or arguments on the command line. */
export class UsageError extends SmartlicError<UsageErrorCode> {
  constructor(message: string) {
    super('USAGE', message, { exitCode: EXIT.USAGE });
  }
}

/** What could not be read or understood; each code names the kind of input. */
export const INPUT_ERROR_CODES = [
  'CA_FILE',
  'FIX_AUDIT',
  'HISTORY_IMPORT',
  'HISTORY_MISSING',
  'HISTORY_NO_DEVICE',
  'HISTORY_OPEN_FAILED',
  'HOST_KEY',
  'INVENTORY_ANSIBLE',
  'INVENTORY_FIELD',
  'INVENTORY_FORMAT',
  'INVENTORY_GROUPS',
  'INVENTORY_READ',
  'INVENTORY_SYNTAX',
  'INVENTORY_VAULT_FILE',
  'LAB_DEVICE_PORT',
  'LAB_FILE',
  'PARSE_BINARY',
  'PARSE_EMPTY',
  'PARSE_INPUT',
  'PARSE_UNRECOGNISED',
  'SSH_PORT',
  'WRITE_FAILED',
  // Core errors reach the CLI as input errors (asSmartlicError).
  'VERSION_FORMAT',
] as const;
export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number];

/** Input that could not be read or understood (a file, an inventory, a lab file). */
export class InputError extends SmartlicError<InputErrorCode> {
  constructor(code: InputErrorCode, message: string, location: ErrorLocation = {}, cause?: unknown) {
    super(code, message, { location, exitCode: EXIT.RUN_FAILED, cause });
  }
}

/**
 * The SmartlicError a failure ends a command with: itself, or a core error as bad input (the core
 * knows codes, not exit statuses). Undefined for anything else, which is a bug.
 */
export function asSmartlicError(error: unknown): SmartlicError | undefined {
  if (error instanceof SmartlicError) return error;
  if (error instanceof CoreError) return new InputError(error.code, error.message, {}, error);
  return undefined;
}

/** One line for a failure that does not end the command (an output not written): `oneLine()`, else the message. */
export function errorLine(error: unknown): string {
  if (error instanceof SmartlicError) return error.oneLine();
  return error instanceof Error ? error.message : String(error);
}

/** Ends a command with a given exit status after it has already printed what it had to say. */
export class ExitError extends Error {
  readonly exitCode: number;
  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.exitCode = exitCode;
  }
}
