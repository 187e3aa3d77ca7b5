// `smartlic emulate LAB.yaml`: run the lab file's devices in this process, each on its own SSH port
// on 127.0.0.1, until Ctrl-C. Devices only: without the lab's License Authority every licensing
// exchange fails honestly ("Communication message send error"); `smartlic lab up` adds the authority.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { unreachableTransport } from '../core/agent/protocol.ts';
import { parseLabDevices, startDevices } from '../emulate/index.ts';
import { InputError, UsageError } from '../errors.ts';
import type { CommandIo } from './io.ts';

/** Real-time running: check every few seconds for due licensing actions. */
const POLL_MS = 5_000;

export async function run(args: string[], opts: Record<string, unknown>, io: CommandIo): Promise<number> {
  const file = args[0];
  if (!file) throw new UsageError('emulate needs a lab file, e.g. smartlic emulate lab.yaml');
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(
      'LAB_FILE',
      `cannot read the lab file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      { file },
      error,
    );
  }
  const specs = parseLabDevices(text, file);
  const stateDir = resolve(io.cwd, typeof opts.stateDir === 'string' ? opts.stateDir : '.smartlic-emulate');
  const devices = await startDevices(specs, {
    clock: { now: () => Date.now() },
    transportFor: () => unreachableTransport,
    stateDir,
    pollMs: POLL_MS,
  });
  for (const d of devices) {
    io.stdout.write(
      `${d.name}\tssh -p ${d.port} ${specs.find((s) => s.name === d.name)?.username}@127.0.0.1\t${d.hostKeyFingerprint}\n`,
    );
  }
  io.stdout.write(`${devices.length} device(s) running; state in ${stateDir}; Ctrl-C stops.\n`);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await Promise.all(devices.map((d) => d.close()));
  io.stdout.write('stopped\n');
  return 0;
}
