// `smartlic check`: a monitoring plugin (Nagios, Icinga, Naemon, Checkmk) following the Monitoring
// Plugins development guidelines: one status line, long output per device, perfdata (days to the
// communication deadline and to registration expiry per device) and exit 0/1/2/3 only. The
// audit is the same as `smartlic audit`'s (inventory over SSH or saved files); no history is
// recorded (a check runs every few minutes). Every failure of its own is UNKNOWN (3).

import { auditFleet } from '../audit/fleet-audit.ts';
import { unknownOutput } from '../check/plugin-output.ts';
import { parseRange } from '../check/range.ts';
import { checkResult } from '../check/status.ts';
import { EXIT, SmartlicError } from '../errors.ts';
import type { CommandIo } from './io.ts';

// biome-ignore lint/suspicious/noExplicitAny: options come from commander and are validated here.
type Opts = Record<string, any>;

export async function run(_args: string[], opts: Opts, io: CommandIo): Promise<number> {
  try {
    const thresholds = {
      ...(opts.warning !== undefined ? { warning: parseRange(String(opts.warning), '-w/--warning') } : {}),
      ...(opts.critical !== undefined
        ? { critical: parseRange(String(opts.critical), '-c/--critical') }
        : {}),
    };
    const fleet = await auditFleet(opts, io, { progress: false });
    if (fleet.interrupted) return unknown(io, 'interrupted before every device was checked');
    if (fleet.runFailed) return unknown(io, fleet.runFailed);
    // Repeated problems once, on stderr: the monitoring system keeps stdout.
    for (const line of fleet.problems) io.stderr.write(`smartlic: ${line}\n`);
    const { text, exit } = checkResult(fleet.report, thresholds);
    io.stdout.write(text);
    return exit;
  } catch (error) {
    if (error instanceof SmartlicError) return unknown(io, error.oneLine());
    throw error;
  }
}

function unknown(io: CommandIo, why: string): number {
  io.stdout.write(unknownOutput(why));
  return EXIT.UNKNOWN;
}
