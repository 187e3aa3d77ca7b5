// Errors the pure core raises. They carry a stable code and say nothing of exit statuses or
// terminals: the CLI decides what a core error means for a command (src/errors.ts, `asSmartlicError`).
// Every code is in docs/errors.md; test/errors.test.ts holds the two together.

/** Codes of CoreError, one per kind of bad value the core refuses. */
export const CORE_ERROR_CODES = ['VERSION_FORMAT'] as const;
export type CoreErrorCode = (typeof CORE_ERROR_CODES)[number];

/** A value the core cannot work with (always the caller's input, never a bug in the core). */
export class CoreError<C extends CoreErrorCode = CoreErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An ASA software version string that matches none of the known forms. */
export class VersionFormatError extends CoreError<'VERSION_FORMAT'> {
  constructor(readonly input: string) {
    super(
      'VERSION_FORMAT',
      `not an ASA version: ${JSON.stringify(input)} (expected e.g. 9.20(4)14, 9.22(1.1), 9.22.3 or asa9-14-2-14-smp-k8.bin)`,
    );
  }
}
