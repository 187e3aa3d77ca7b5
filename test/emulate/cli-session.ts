// Drive a CliShell in-process (no socket) for behaviour tests of the device: type a line, get
// what the device printed up to its next prompt or question.

import type { Clock, LicensingTransport } from '../../src/core/agent/protocol.ts';
import { unreachableTransport } from '../../src/core/agent/protocol.ts';
import { simulatedAuthority } from '../../src/core/agent/simulated-authority.ts';
import { EmulatedDevice } from '../../src/emulate/device.ts';
import { type DeviceSpecInput, deviceSpecSchema } from '../../src/emulate/device-spec.ts';
import { CliShell } from '../../src/emulate/shell.ts';

const sim = simulatedAuthority({ smartAccount: 'Lab Account', virtualAccount: 'EU TAC' });
/** The core's in-memory License Authority stand-in, behind the transport interface. */
export const healthyTransport: LicensingTransport = {
  exchange: async (request, _target, at) => sim(request, at),
};

export interface CliHarness {
  device: EmulatedDevice;
  shell: CliShell;
  /** Type `text` (a CR is added unless `raw`), resolve with the output up to the next prompt. */
  type(text: string, opts?: { raw?: boolean; until?: RegExp }): Promise<string>;
  close(): Promise<void>;
}

/** The enable password of cliHarness's device (and of the labs the tests start with its login). */
export const ENABLE_PASSWORD = 'en';

const PROMPT = /(?:[>#] |: |\? |\[confirm\]|<--- More --->)$/;

export async function cliHarness(
  spec: Partial<DeviceSpecInput> = {},
  deps: { clock?: Clock; transport?: LicensingTransport; stateDir?: string } = {},
): Promise<CliHarness> {
  const device = await EmulatedDevice.create(
    deviceSpecSchema.parse({
      name: 'asa1',
      hostname: 'ASA1',
      password: 'pw',
      enablePassword: ENABLE_PASSWORD,
      ...spec,
    }),
    {
      clock: deps.clock ?? { now: () => Date.now() },
      transport: deps.transport ?? unreachableTransport,
      ...(deps.stateDir ? { stateDir: deps.stateDir } : {}),
    },
  );
  return attachShell(device);
}

/** Go to privileged exec (`enable` and its password); with `pagerOff`, `terminal pager 0` too. */
export async function enable(h: CliHarness, opts: { pagerOff?: boolean } = {}): Promise<CliHarness> {
  await h.type('enable');
  await h.type(ENABLE_PASSWORD);
  if (opts.pagerOff) await h.type('terminal pager 0');
  return h;
}

/** An interactive session on a device that is already running (e.g. a unit from startDevices). */
export async function attachShell(device: EmulatedDevice): Promise<CliHarness> {
  let out = '';
  const shell = new CliShell(
    device,
    (t) => {
      out += t;
    },
    { interactive: true, username: 'admin' },
  );
  device.onReload = () => shell.end();
  const running = shell.run(() => undefined);
  const settle = async (until: RegExp) => {
    for (let i = 0; i < 2000; i++) {
      if (until.test(out) || shell.closed) return;
      await new Promise((r) => setTimeout(r, i < 50 ? 0 : 5));
    }
    throw new Error(`no prompt after:\n${out}`);
  };
  await settle(PROMPT);
  return {
    device,
    shell,
    async type(text, opts = {}) {
      out = '';
      shell.feed(opts.raw ? text : `${text}\r`);
      await settle(opts.until ?? PROMPT);
      return out.replaceAll('\r\n', '\n');
    },
    async close() {
      shell.end();
      await running;
      await device.licensing.idle();
    },
  };
}
