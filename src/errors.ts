// Typed errors with stable codes. The CLI turns them into one clear line and an exit status;
// tests and callers branch on `code`, never on message text.

export interface ErrorLocation {
  file?: string;
  line?: number;
  column?: number;
  device?: string;
}

export class SmartlicError extends Error {
  readonly code: string;
  readonly location: ErrorLocation;
  /** Exit status the CLI uses when this error ends a command (DESIGN.md: 3+ for usage or I/O). */
  readonly exitCode: number;

  constructor(
    code: string,
    message: string,
    opts: { location?: ErrorLocation; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.location = opts.location ?? {};
    this.exitCode = opts.exitCode ?? 3;
  }

  /** `file:line: message` or `device: message`, the one line the CLI prints. */
  oneLine(): string {
    const { file, line, column, device } = this.location;
    const where = file ? [file, line, column].filter((p) => p !== undefined).join(':') : device;
    return where ? `${where}: ${this.message}` : this.message;
  }
}

/** Wrong flags or arguments on the command line. */
export class UsageError extends SmartlicError {
  constructor(message: string) {
    super('USAGE', message, { exitCode: 3 });
  }
}

/** Input that could not be read or understood (a file, an inventory, a lab file). */
export class InputError extends SmartlicError {
  constructor(code: string, message: string, location: ErrorLocation = {}, cause?: unknown) {
    super(code, message, { location, exitCode: 4, cause });
  }
}

/** An ASA software version string that matches none of the known forms. */
export class VersionFormatError extends SmartlicError {
  readonly input: string;
  constructor(input: string) {
    super(
      'VERSION_FORMAT',
      `not an ASA version: ${JSON.stringify(input)} (expected e.g. 9.20(4)14, 9.22(1.1), 9.22.3 or asa9-14-2-14-smp-k8.bin)`,
    );
    this.input = input;
  }
}

/** Ends a command with a given exit status after it has already printed what it had to say. */
export class ExitError extends Error {
  readonly exitCode: number;
  constructor(exitCode: number) {
    super(`exit ${exitCode}`);
    this.exitCode = exitCode;
  }
}
