// ansible-playbook with the cisco.asa collection over network_cli (become enable) against the
// emulated ASA: asa_command, asa_config for the licensing lines, asa_facts; the second run of
// the same playbook reports changed=0.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ansibleAvailable,
  ansibleEnv,
  ENABLE,
  PASSWORD,
  type PlayStats,
  runClient,
  startTestLab,
  type TestLab,
} from './helpers.ts';

const haveAnsible = ansibleAvailable();

describe.runIf(haveAnsible)('ansible cisco.asa (network_cli) against the emulated ASA', () => {
  let lab: TestLab;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    lab = await startTestLab([{ hostname: 'ASA-ANS', version: '9.18(3)' }]);
    const port = lab.devices[0]?.port;
    const inventory = join(lab.dir, 'inventory.ini');
    writeFileSync(
      inventory,
      [
        '[asa]',
        `asa1 ansible_host=127.0.0.1 ansible_port=${port} ansible_user=admin ansible_password=${PASSWORD}`,
        '[asa:vars]',
        'ansible_connection=ansible.netcommon.network_cli',
        'ansible_network_os=cisco.asa.asa',
        'ansible_become=true',
        'ansible_become_method=ansible.netcommon.enable',
        `ansible_become_password=${ENABLE}`,
        '',
      ].join('\n'),
    );
    env = ansibleEnv(lab.dir, { ANSIBLE_INVENTORY: inventory });
  });
  afterAll(async () => lab?.close());

  const play = async () => {
    const r = await runClient(
      'ansible-playbook',
      [join(import.meta.dirname, 'fixtures', 'licensing-playbook.yml')],
      {
        env,
        cwd: lab.dir,
      },
    );
    let stats: PlayStats | undefined;
    try {
      stats = (JSON.parse(r.stdout) as { stats: Record<string, PlayStats> }).stats.asa1;
    } catch {
      // leave undefined: the assertion below prints the output
    }
    return { ...r, stats };
  };

  it('configures licensing, then a second run changes nothing', async () => {
    const first = await play();
    expect(first.stats, first.stdout + first.stderr).toMatchObject({ failures: 0, unreachable: 0 });
    expect(first.stats?.changed).toBeGreaterThan(0);
    expect(first.status).toBe(0);
    const run = await lab.devices[0]?.device.show('running-config');
    expect(run).toContain(
      'license smart\n feature tier standard\n throughput level 1G\n transport type callhome',
    );
    // The License profile joins the factory CiscoTAC-1 profile in the call-home block.
    expect(run).toContain('call-home\n profile CiscoTAC-1\n  no active\n');
    expect(run).toContain(
      '\n profile License\n  destination address http https://tools.cisco.com/its/service/oddce/services/DDCEService\n  destination transport-method http',
    );

    const second = await play();
    expect(second.stats, second.stdout + second.stderr).toMatchObject({
      failures: 0,
      unreachable: 0,
      changed: 0,
    });
    expect(second.status).toBe(0);
  });
});
