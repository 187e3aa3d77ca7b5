// `smartlic demo`: start the built-in lab in this process, audit it over real SSH (the lab's
// host keys in a temporary known_hosts), print the fleet table, write report.html, stop
// everything. Exit status 0 when it ran as intended: the built-in lab's critical devices are the
// point of the demo, not a failed set-up, so their status is printed (what `smartlic audit` would
// exit with) rather than returned. 4 when a lab device could not be audited or a report file could
// not be written.

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { InventoryDevice } from '../audit/collect/index.ts';
import { writeAuditOutputs } from '../audit/index.ts';
import { reportExitStatus, runAudit } from '../audit/run.ts';
import { EXIT } from '../errors.ts';
import type { CommandIo } from './io.ts';

// biome-ignore lint/suspicious/noExplicitAny: options come from commander and are validated here.
type Opts = Record<string, any>;

export async function run(_args: string[], opts: Opts, io: CommandIo): Promise<number> {
  const started = Date.now();
  const html = resolve(io.cwd, String(opts.html ?? 'report.html'));
  const stateDir = await mkdtemp(join(tmpdir(), 'smartlic-demo-'));
  const say = (line: string) => {
    if (!opts.json) io.stderr.write(`${line}\n`);
  };
  const [{ startLab }, { builtinLab }, { collectFleet, Secret }] = await Promise.all([
    import('../lab/lab.ts'),
    import('../lab/builtin.ts'),
    import('../audit/collect/index.ts'),
  ]);
  // One throwaway password for every lab device; it lives only in this process.
  const password = randomBytes(12).toString('base64url');
  say('starting the built-in lab (License Authority, emulated ASAs, virtual clock) on 127.0.0.1 …');
  const lab = await startLab(builtinLab({ password }), { stateDir });
  try {
    const knownHosts = join(stateDir, 'known_hosts');
    await writeFile(
      knownHosts,
      lab.devices
        .filter((d) => d.hostPublicKey)
        .map((d) => `[${d.host}]:${d.port} ${d.hostPublicKey}\n`)
        .join(''),
      { mode: 0o600 },
    );
    const devices: InventoryDevice[] = lab.devices.map((d) => ({
      name: d.name,
      host: d.host,
      port: d.port,
      username: d.username ?? 'admin',
      password: { from: 'inline', value: new Secret(d.password ?? password) },
      enablePassword: { from: 'inline', value: new Secret(d.enablePassword ?? d.password ?? password) },
      tags: ['lab'],
      origin: { file: '(built-in lab)' },
    }));
    say(
      `auditing ${devices.length} devices over SSH at lab time ${new Date(lab.clock.now()).toISOString()} …`,
    );
    // Evaluate at the lab's virtual time: that is the devices' "now", not the wall clock.
    const now = lab.clock.now();
    const report = await runAudit({
      collections: collectFleet(devices, {
        knownHostsFile: knownHosts,
        concurrency: 8,
        timeoutMs: 20_000,
        env: {},
      }),
      now,
      generatedAt: Date.now(),
    });
    const status = await writeAuditOutputs(
      report,
      {
        json: Boolean(opts.json),
        html,
        ...(opts.prometheus ? { prometheus: resolve(io.cwd, String(opts.prometheus)) } : {}),
        history: null,
        details: false,
      },
      io,
    );
    say(
      `\nwrote ${html} (per-device findings, dated timeline and the fix) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    // A lab device the demo could not audit is a broken set-up, not a finding: that one fails the run.
    const missed = report.devices.filter((d) => !d.ok).map((d) => d.device);
    if (missed.length > 0) {
      io.stderr.write(`smartlic: demo: could not audit lab device(s) ${missed.join(', ')}\n`);
      return EXIT.RUN_FAILED;
    }
    say(
      `an audit of these devices would exit ${reportExitStatus(report)} (worst device: ${report.summary.worst}); the demo ran as intended`,
    );
    return status;
  } finally {
    await lab.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}
