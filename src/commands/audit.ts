// `smartlic audit`: collect (SSH inventory or saved files), diagnose, report, record history.
// Exit status (docs/exit-status.md): 0 nothing worse than info, 1 warning, 2 critical, 3 some
// device could not be checked and none is worse, 4 the run could not proceed or an output was not
// written, 64 usage, 130 when Ctrl-C stopped collection (what was collected is still reported).

import { resolve } from 'node:path';
import { auditFleet, checkFleetSource, fleetExitStatus } from '../audit/fleet-audit.ts';
import { type AuditOutputs, writeAuditOutputs } from '../audit/index.ts';
import { errorLine } from '../errors.ts';
import { openHistory } from './history-option.ts';
import type { CommandIo } from './io.ts';

// biome-ignore lint/suspicious/noExplicitAny: options come from commander and are validated here.
type Opts = Record<string, any>;

export async function run(_args: string[], opts: Opts, io: CommandIo): Promise<number> {
  checkFleetSource(opts);
  const history = await openHistory(opts, io);
  try {
    const rawErrors: string[] = [];
    // One writer for the run: two devices never share a raw folder.
    const raw = opts.saveRaw
      ? new (await import('../audit/collect/index.ts')).RawWriter(resolve(io.cwd, opts.saveRaw))
      : undefined;
    const fleet = await auditFleet(opts, io, {
      progress: Boolean(io.stderr.isTTY) && !opts.json,
      onDevice: async (_audit, collection) => {
        if (!raw) return;
        try {
          await raw.write(collection);
        } catch (error) {
          rawErrors.push(errorLine(error));
        }
      },
    });
    for (const line of rawErrors) io.stderr.write(`smartlic: ${line}\n`);
    const outputs: AuditOutputs = {
      json: Boolean(opts.json),
      summary: Boolean(opts.summary),
      html: opts.html,
      prometheus: opts.prometheus,
      history,
    };
    const ioStatus = await writeAuditOutputs(fleet.report, outputs, io);
    // Each problem once (devices that could not be checked, inventory warnings), after the report.
    for (const line of fleet.problems) io.stderr.write(`smartlic: ${line}\n`);
    if (fleet.runFailed) io.stderr.write(`smartlic: ${fleet.runFailed}\n`);
    return fleetExitStatus(fleet, ioStatus !== 0 || rawErrors.length > 0);
  } finally {
    await history?.store.close();
  }
}
