// The ASA's answers to a command line it cannot use, printed by the emulator and recognised by the
// collector in what a device printed after a command.

/** `ERROR: % Invalid input detected at '^' marker.` (under a caret line pointing at the column). */
export const INVALID_INPUT = "ERROR: % Invalid input detected at '^' marker.";
export const INCOMPLETE_COMMAND = 'ERROR: % Incomplete command';
/** `ERROR: % Ambiguous command:  "sh l"` (two spaces, as the ASA prints it). */
export const ambiguousCommand = (typed: string) => `ERROR: % Ambiguous command:  "${typed}"`;

const REJECTED =
  /% Invalid input detected|% Incomplete command|% Ambiguous command|Command authorization failed/;

/** Did the device reject the command? Looks at the first lines of its output only. */
export function isRejected(output: string): boolean {
  return REJECTED.test(output.split('\n').slice(0, 4).join('\n'));
}

// The ASA starts an error line with `ERROR:` (the refusals above, and others such as a standby
// unit's; Unicon's ASA error pattern, CiscoTestAutomation/unicon.plugins). A `WARNING:` line
// is not a refusal.
const ERROR_LINE = /^\s*ERROR:.*$/m;

/**
 * The line with which the device refused a configuration command, if it did: a refusal above or
 * any `ERROR:` line in what it printed after the command.
 */
export function refusalIn(output: string): string | undefined {
  return (
    ERROR_LINE.exec(output)?.[0].trim() ?? (REJECTED.test(output) ? output.trim().split('\n')[0] : undefined)
  );
}
