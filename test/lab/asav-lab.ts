// A lab file of ASAv10s on 9.22(2)14 with `license smart` configured: the lab the story tests run
// (each device its name and, optionally, the scenario it boots in).

import type { SmartLicenseData } from '../../src/core/model.ts';
import type { Lab } from '../../src/lab/lab.ts';
import { parseLabFile } from '../../src/lab/spec.ts';
import { parseShowLicense } from '../../src/text/index.ts';
import { sshExec } from './ssh.ts';

export function asavLab(
  start: string,
  password: string,
  devices: { name: string; licensing?: string }[],
): ReturnType<typeof parseLabFile> {
  return parseLabFile(
    [
      `start: ${start}`,
      'devices:',
      ...devices.flatMap(({ name, licensing }) => [
        `  - name: ${name}`,
        '    platform: ASAv10',
        "    version: '9.22(2)14'",
        `    password: ${password}`,
        `    enablePassword: ${password}`,
        ...(licensing ? [`    licensing: ${licensing}`] : []),
        '    startupConfig: |',
        '      license smart',
        '       feature tier standard',
        '       throughput level 1G',
      ]),
    ].join('\n'),
  );
}

/** A running lab's device by name (throws when it has none), and its licence read over SSH. */
export function labDevices(lab: () => Lab) {
  const device = (name: string) => {
    const d = lab().device(name);
    if (!d) throw new Error(`no device ${name}`);
    return d;
  };
  const licence = async (name: string): Promise<SmartLicenseData> =>
    parseShowLicense(await sshExec(device(name), 'show license all')).data;
  return { device, licence };
}
