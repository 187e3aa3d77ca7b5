// The playbook `smartlic fix --ansible` writes, run by Debian's ansible-playbook (cisco.asa,
// network_cli, become enable) against the built-in lab: the same result as `fix --apply` (the two
// blocked devices on Call Home and AUTHORIZED, the others byte-identical), a second run reports
// changed=0; the smart revert's playbook moves the unblocked device back and renews, and rolls the
// still-blocked one back to Call Home, failing that host with the reason.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { HOUR } from '../../src/core/time.ts';
import { parseShowLicense } from '../../src/text/index.ts';
import { ansibleAvailable, ansibleEnv, type PlayStats, runClient } from '../emulate/helpers.ts';
import { runCli } from '../helpers/cli.ts';
import { sshExec } from '../lab/ssh.ts';
import { FIXED, type FixLab, startFixLab, UNTOUCHED } from './lab.ts';

const haveAnsible = ansibleAvailable();

describe.runIf(haveAnsible)(
  'the playbook of smartlic fix --ansible, run by ansible-playbook on the lab',
  () => {
    let f: FixLab;
    let env: NodeJS.ProcessEnv;
    const device = (name: string) => f.device(name);
    const runningConfig = (name: string) => f.runningConfig(name);
    const transportOf = (name: string) => f.transportOf(name);

    /** `smartlic fix --ansible FILE` (a plan: nothing is changed) on the same Ansible inventory. */
    const writePlaybook = async (file: string, ...argv: string[]) => {
      const r = await runCli(
        [
          'fix',
          '--inventory',
          'hosts.ini',
          '--known-hosts',
          'known_hosts',
          '--no-history',
          '--ansible',
          file,
          '--poll',
          '1',
          '--verify-timeout',
          '10',
          ...argv,
        ],
        { cwd: f.dir, env: {} },
      );
      expect(r.code, r.err).toBe(0);
      return readFileSync(join(f.dir, file), 'utf8');
    };
    const play = async (file: string) => {
      const r = await runClient('nice', ['-n', '10', 'ansible-playbook', '-i', 'hosts.ini', file], {
        env,
        cwd: f.dir,
      });
      let stats: Record<string, PlayStats> = {};
      try {
        stats = (JSON.parse(r.stdout) as { stats: Record<string, PlayStats> }).stats;
      } catch {
        // left empty: the assertions print the output
      }
      return { ...r, stats };
    };

    beforeAll(async () => {
      f = await startFixLab('fix-ansible', `Pw-${process.pid}-ans`);
      const { dir, password } = f;
      const names = [...FIXED, ...UNTOUCHED];
      // One inventory for smartlic and for Ansible, with Ansible's own host names.
      writeFileSync(
        join(dir, 'hosts.ini'),
        [
          '[asa]',
          ...names.map((n) => `${n} ansible_host=127.0.0.1 ansible_port=${device(n).port}`),
          '[asa:vars]',
          'ansible_user=admin',
          `ansible_password=${password}`,
          'ansible_connection=ansible.netcommon.network_cli',
          'ansible_network_os=cisco.asa.asa',
          'ansible_become=true',
          'ansible_become_method=ansible.netcommon.enable',
          `ansible_become_password=${password}`,
          '',
        ].join('\n'),
      );
      env = ansibleEnv(dir);
    }, 90_000);
    afterAll(async () => f?.close());

    it('writes one play per strategy with the inventory host names and the exact lines', async () => {
      const text = await writePlaybook('callhome.yml');
      const plays = parseYaml(text) as {
        name: string;
        hosts: string[];
        vars: Record<string, Record<string, string[]>>;
      }[];
      expect(plays).toHaveLength(1);
      expect(plays[0]?.name).toMatch(/^smartlic fix callhome: /);
      expect(plays[0]?.hosts).toEqual([...FIXED].sort());
      expect(plays[0]?.vars.smartlic_lines).toEqual(
        Object.fromEntries(FIXED.map((n) => [n, ['transport type callhome']])),
      );
      expect(plays[0]?.vars.smartlic_rollback).toEqual(
        Object.fromEntries(FIXED.map((n) => [n, ['no transport type callhome']])),
      );
      expect(text).toContain('cisco.asa.asa_config');
      expect(text).toContain('parents:\n');
      expect(text).toContain('- license smart');
      expect(text).toContain('cisco.asa.asa_command');
    });

    it('gives what fix --apply gives: both on Call Home and AUTHORIZED, the others untouched; a second run changes nothing', async () => {
      const first = await play('callhome.yml');
      for (const name of FIXED) {
        expect(first.stats[name], first.stdout + first.stderr).toMatchObject({ failures: 0, unreachable: 0 });
        expect(first.stats[name]?.changed).toBeGreaterThan(0);
        expect(await transportOf(name)).toEqual({ type: 'callhome' });
        const lic = parseShowLicense(await sshExec(device(name), 'show license all')).data;
        expect(lic.authorization?.status).toBe('AUTHORIZED');
        expect(lic.authorization?.lastCommunicationAttempt?.result).toBe('SUCCEEDED');
        expect(await sshExec(device(name), 'show startup-config')).toContain(' transport type callhome');
      }
      expect(first.status).toBe(0);
      expect(await Promise.all(UNTOUCHED.map(runningConfig))).toEqual(f.untouchedBefore);

      const second = await play('callhome.yml');
      for (const name of FIXED)
        expect(second.stats[name], second.stdout + second.stderr).toMatchObject({ failures: 0, changed: 0 });
      expect(second.status).toBe(0);
    }, 300_000);

    it('the smart revert: the unblocked one goes back and renews, the blocked one is rolled back and fails with the reason', async () => {
      const [back, stillBlocked] = FIXED;
      f.lab.policy.unblock('smartreceiver.cisco.com', back);
      await f.lab.advance(HOUR);
      await writePlaybook('smart.yml', '--strategy', 'smart');
      const run = await play('smart.yml');
      expect(run.stats[back], run.stdout + run.stderr).toMatchObject({ failures: 0, unreachable: 0 });
      expect(await transportOf(back)).toEqual({ type: 'smart' });
      expect(
        parseShowLicense(await sshExec(device(back), 'show license all')).data.authorization
          ?.lastCommunicationAttempt?.result,
      ).toBe('SUCCEEDED');
      expect(await sshExec(device(back), 'show startup-config')).toContain(' transport type smart');

      expect(run.stats[stillBlocked]).toMatchObject({ failures: 1 });
      expect(run.stdout).toMatch(
        /smartlic fix smart: the renewal was not proven \(Last Communication Attempt: FAILED on [^)]*\); the previous lines are back and nothing was saved/,
      );
      expect(await transportOf(stillBlocked)).toEqual({ type: 'callhome' });
      const blocked = parseShowLicense(await sshExec(device(stillBlocked), 'show license all')).data;
      expect(blocked.authorization?.lastCommunicationAttempt?.result).toBe('SUCCEEDED');
      expect(await sshExec(device(stillBlocked), 'show startup-config')).toContain(
        ' transport type callhome',
      );
      expect(run.status).not.toBe(0);
      expect(await Promise.all(UNTOUCHED.map(runningConfig))).toEqual(f.untouchedBefore);
    }, 300_000);
  },
);
