// The situation both end-to-end fix tests start from: the built-in lab, smartreceiver.cisco.com
// blocked for two devices (asa-healthy, asa-comm-failing) and a month passed, a known_hosts file
// for the devices, and two that need nothing (Smart Transport through a working proxy; a 9.20
// Firepower on Call Home, its release's default), whose running configs must never change.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SmartLicenseData } from '../../src/core/model.ts';
import { DAY } from '../../src/core/time.ts';
import { BUILTIN_DEVICES as B, builtinLab } from '../../src/lab/builtin.ts';
import type { LabDeviceHandle } from '../../src/lab/devices.ts';
import { type Lab, startLab } from '../../src/lab/lab.ts';
import { parseRunningConfig, parseShowLicense } from '../../src/text/index.ts';
import { sshExec } from '../lab/ssh.ts';

/** The two devices that lose smartreceiver.cisco.com, and the two that need nothing. */
export const FIXED = [B.healthy, B.commFailing] as const;
export const UNTOUCHED = [B.proxy, B.fpr2100] as const;

export interface FixLab {
  dir: string;
  lab: Lab;
  password: string;
  device(name: string): LabDeviceHandle;
  runningConfig(name: string): Promise<string>;
  licenseOf(name: string): Promise<SmartLicenseData>;
  /** The `transport …` settings of the running config. */
  transportOf(
    name: string,
  ): Promise<NonNullable<ReturnType<typeof parseRunningConfig>['data']['license']>['transport']>;
  /** The untouched devices' running configs when the fix tests start. */
  untouchedBefore: string[];
  close(): Promise<void>;
}

export async function startFixLab(label: string, password: string): Promise<FixLab> {
  const dir = mkdtempSync(join(tmpdir(), `smartlic-${label}-`));
  const lab = await startLab(builtinLab({ password, start: '2026-01-12T13:09:43Z' }), {
    stateDir: join(dir, 'lab'),
  });
  const device = (name: string) => {
    const d = lab.device(name);
    if (!d) throw new Error(`lab has no ${name}`);
    return d;
  };
  const runningConfig = (name: string) => sshExec(device(name), 'show running-config');
  writeFileSync(
    join(dir, 'known_hosts'),
    [...FIXED, ...UNTOUCHED]
      .map((n) => `[127.0.0.1]:${device(n).port} ${device(n).hostPublicKey}\n`)
      .join(''),
  );
  for (const name of FIXED) lab.policy.block('smartreceiver.cisco.com', 'drop', name);
  await lab.advance(31 * DAY);
  return {
    dir,
    lab,
    password,
    device,
    runningConfig,
    licenseOf: async (name) => parseShowLicense(await sshExec(device(name), 'show license all')).data,
    transportOf: async (name) =>
      parseRunningConfig(await sshExec(device(name), 'show running-config license')).data.license?.transport,
    untouchedBefore: await Promise.all(UNTOUCHED.map(runningConfig)),
    close: async () => {
      await lab.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
