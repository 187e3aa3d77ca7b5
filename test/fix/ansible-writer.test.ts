// The playbook writer's shape (the playbook itself runs against the lab in fix-ansible.test.ts):
// one play per strategy, a renew-only play without configuration tasks, no save with --no-write,
// host names and lines as data (quoted by the YAML writer, whatever they hold), and no playbook
// when no device needs a change.

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixPlaybook } from '../../src/fix/ansible.ts';
import type { FixDevice, FixPlan, FixStrategy } from '../../src/fix/contract.ts';

function device(
  name: string,
  strategy: FixStrategy | null,
  lines: string[],
  action: FixPlan['action'] = 'change',
): FixDevice {
  return {
    device: name,
    source: { kind: 'ssh', host: '127.0.0.1', port: 22 },
    outcome: action === 'none' ? 'nothing-to-do' : 'planned',
    message: '',
    error: null,
    deviceTime: null,
    plan: {
      strategy,
      action,
      summary: '',
      why: [],
      evidence: [],
      before: null,
      after: null,
      parents: lines.length ? ['license smart'] : [],
      lines,
      rollback: lines.map((l) => `no ${l}`),
      renew: ['auth'],
      verify: null,
      warnings: [],
    },
    result: null,
  };
}

interface Play {
  name: string;
  hosts: string[];
  vars: Record<string, Record<string, string[]>>;
  tasks: { name: string; block?: { name: string }[]; rescue?: { name: string }[] }[];
}

const OPTS = { pollSeconds: 5, timeoutSeconds: 120, write: true };

describe('fixPlaybook', () => {
  it('one play per strategy; renew-only plays touch no configuration', () => {
    const plays = parse(
      fixPlaybook(
        [
          device('fw-a', 'callhome', ['transport type callhome']),
          device('fw-b', 'renew', [], 'renew'),
          device('fw-c', 'callhome', ['transport type callhome']),
          device('fw-d', null, [], 'none'),
        ],
        OPTS,
      ) ?? '',
    ) as Play[];
    expect(plays.map((p) => [p.name.split(':')[0], p.hosts])).toEqual([
      ['smartlic fix callhome', ['fw-a', 'fw-c']],
      ['smartlic fix renew', ['fw-b']],
    ]);
    const renew = plays[1] as Play;
    expect(Object.keys(renew.vars)).toEqual(['smartlic_renew']);
    const names = renew.tasks.flatMap((t) => [...(t.block ?? []), ...(t.rescue ?? [])].map((x) => x.name));
    expect(names).not.toContain('Transport lines under license smart');
    expect(names).not.toContain('Save, only after a verified renewal');
    expect(names).toContain('Wait for a new Last Communication Attempt');
  });

  it('--no-write: no save; odd host names and lines stay data', () => {
    const odd = 'fw "1": #a';
    const text =
      fixPlaybook([device(odd, 'smart', ['transport type smart'])], { ...OPTS, write: false }) ?? '';
    const [play] = parse(text) as Play[];
    expect(play?.hosts).toEqual([odd]);
    expect(play?.vars.smartlic_lines).toEqual({ [odd]: ['transport type smart'] });
    expect(text).not.toContain('write memory');
  });

  it('nothing to change, no playbook', () => {
    expect(fixPlaybook([device('fw', null, [], 'none')], OPTS)).toBeNull();
  });
});
