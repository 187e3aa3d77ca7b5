// Debian's netmiko (cisco_asa driver, unpatched) against the emulated ASA: session preparation
// (prompt, enable with secret, terminal pager 0, terminal width 511 in config mode),
// send_command("show license all"), send_config_set under `license smart`, save_config.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAvailable, netmikoEnv, runClient, startTestLab, type TestLab } from './helpers.ts';

const PYTHON = '/usr/bin/python3';
const haveNetmiko = clientAvailable('python3-netmiko', PYTHON, ['-c', 'import netmiko']);

describe.runIf(haveNetmiko)('netmiko cisco_asa against the emulated ASA', () => {
  let lab: TestLab;
  beforeAll(async () => {
    lab = await startTestLab([{ hostname: 'EDGE-FW1', version: '9.22(1)1' }]);
  });
  afterAll(async () => lab?.close());

  it('runs show, config and save exactly as against a real ASA', async () => {
    const device = lab.devices[0];
    if (!device) throw new Error('no device');
    const r = await runClient(PYTHON, [join(import.meta.dirname, 'fixtures', 'netmiko_session.py')], {
      env: netmikoEnv(lab, device, { SMARTLIC_HOSTNAME: 'EDGE-FW1' }),
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, string>;
    expect(out.prompt).toBe('EDGE-FW1#');
    expect(out.show_license_all).toMatch(/^Smart Licensing Status$/m);
    expect(out.show_license_all).toMatch(/^ {2}Status: UNREGISTERED$/m);
    expect(out.running_license?.split('\n')).toEqual([
      'license smart',
      ' feature tier standard',
      ' throughput level 2G',
      ' transport type callhome',
    ]);
    expect(out.save).toMatch(/Cryptochecksum: [0-9a-f]{8} [0-9a-f]{8} [0-9a-f]{8} [0-9a-f]{8}/);
    expect(out.save).toContain('[OK]');
    // write memory persisted the running config atomically in the device's state folder.
    const saved = readFileSync(join(lab.dir, 'state', device.name, 'startup-config'), 'utf8');
    expect(saved).toContain(
      'license smart\n feature tier standard\n throughput level 2G\n transport type callhome\n',
    );
    // The configured transport type wins over the release default (Smart on 9.22) in show license status.
    const status = await device.device.show('license status');
    expect(status).toMatch(/^ {2}Type: Callhome$/m);
  });
});
