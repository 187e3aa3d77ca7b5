// `smartlic fix --ansible FILE`: the plan as an Ansible playbook, for teams whose changes must go
// through Ansible. One play per strategy over the inventory's own host names; per host the lines
// under `license smart` (cisco.asa.asa_config), `license smart renew …` (cisco.asa.asa_command),
// `show license all` until the Last Communication Attempt line differs from the one read before
// and says SUCCESS, then `write memory`; on failure a rescue puts the previous lines back, renews
// over them and fails the host with the reason. A host whose lines are already in place changes
// nothing (asa_config reports no change, and renewing, waiting and saving are skipped), so a
// second run reports changed=0. What the ASA prints (the attempt line, its success words) and the
// commands are the text layer's; the playbook verifies the authorization renewal only (an ID
// certificate renewal is asked for, and checked by `smartlic fix` itself).

import { stringify } from 'yaml';
import { ATTEMPT_LABELS, type KnownCommand, SUCCESS_SPELLINGS } from '../text/index.ts';
import type { FixDevice, FixPlan, FixStrategy } from './contract.ts';
import { RENEW_COMMANDS } from './verify.ts';

const SHOW_LICENSE = 'show license all' satisfies KnownCommand;
const WRITE = 'write memory' satisfies KnownCommand;

export interface PlaybookOptions {
  pollSeconds: number;
  timeoutSeconds: number;
  /** Save after a verified renewal (false: `--no-write`). */
  write: boolean;
}

const TITLES: Record<FixStrategy, string> = {
  callhome: 'Call Home while smartreceiver.cisco.com is not reachable',
  proxy: 'Smart Transport through a proxy',
  smart: 'back to Smart Transport, proven by the renewal, else back to Call Home',
  renew: 'renew the authorization',
};

/** Python `re` for the whole attempt line, and for one that reports a success. */
const LAST_LINE = `${ATTEMPT_LABELS.communication}: .*`;
const LAST_SUCCESS = `${ATTEMPT_LABELS.communication}: (${SUCCESS_SPELLINGS.join('|')})`;
const line = (v: string) => `(${v}.stdout[0] | regex_search('${LAST_LINE}'))`;

/** The playbook for the devices whose plan changes or renews something; null when none does. */
export function fixPlaybook(devices: FixDevice[], opts: PlaybookOptions): string | null {
  const byStrategy = new Map<FixStrategy, { host: string; plan: FixPlan }[]>();
  for (const d of devices) {
    const plan = d.plan;
    if (!plan?.strategy || (plan.action !== 'change' && plan.action !== 'renew')) continue;
    const list = byStrategy.get(plan.strategy) ?? [];
    list.push({ host: d.device, plan });
    byStrategy.set(plan.strategy, list);
  }
  if (byStrategy.size === 0) return null;
  const plays = [...byStrategy].map(([strategy, hosts]) => playFor(strategy, hosts, opts));
  const head = [
    '# Written by smartlic fix: one play per strategy, with the hosts of the inventory it was run on.',
    '# Each host: the transport lines under license smart, a renewal, show license all until the',
    `# ${ATTEMPT_LABELS.communication} is a new SUCCESS${opts.write ? `, then ${WRITE}` : ' (nothing is saved: --no-write)'}; otherwise the previous`,
    '# lines come back and the host fails with the reason. Run: ansible-playbook -i INVENTORY THIS_FILE',
  ];
  return `${head.join('\n')}\n${stringify(plays, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

function playFor(strategy: FixStrategy, hosts: { host: string; plan: FixPlan }[], opts: PlaybookOptions) {
  const perHost = (pick: (p: FixPlan) => string[]) =>
    Object.fromEntries(hosts.map((h) => [h.host, pick(h.plan)]));
  // Ansible waits whole seconds between tries.
  const delay = Math.max(1, Math.round(opts.pollSeconds));
  const retries = Math.max(1, Math.ceil(opts.timeoutSeconds / delay));
  const changes = strategy !== 'renew';
  // A change is made only where the lines are not in place yet; a renewal only where the last
  // attempt is not a success already.
  const when = changes
    ? 'smartlic_config.changed'
    : `not (smartlic_before.stdout[0] is search('${LAST_SUCCESS}'))`;
  const parents = hosts[0]?.plan.parents ?? [];
  const block: Record<string, unknown>[] = [];
  if (changes)
    block.push({
      name: 'Transport lines under license smart',
      'cisco.asa.asa_config': { parents, lines: '{{ smartlic_lines[inventory_hostname] }}' },
      register: 'smartlic_config',
    });
  block.push(
    {
      name: 'Renew now',
      'cisco.asa.asa_command': { commands: '{{ smartlic_renew[inventory_hostname] }}' },
      when,
    },
    {
      name: `Wait for a new ${ATTEMPT_LABELS.communication}`,
      'cisco.asa.asa_command': { commands: [SHOW_LICENSE] },
      register: 'smartlic_after',
      until: `${line('smartlic_after')} != ${line('smartlic_before')}`,
      retries,
      delay,
      when,
    },
    {
      name: 'The renewal succeeded',
      'ansible.builtin.assert': {
        that: [`smartlic_after.stdout[0] is search('${LAST_SUCCESS}')`],
        fail_msg: `{{ ${line('smartlic_after')} }}`,
      },
      when,
    },
  );
  if (changes && opts.write)
    block.push({
      name: 'Save, only after a verified renewal',
      'cisco.asa.asa_command': { commands: [WRITE] },
      when,
    });
  const rescue: Record<string, unknown>[] = [];
  if (changes)
    rescue.push(
      {
        name: 'Put the previous transport lines back',
        'cisco.asa.asa_config': { parents, lines: '{{ smartlic_rollback[inventory_hostname] }}' },
      },
      {
        name: 'Renew over the restored transport',
        'cisco.asa.asa_command': { commands: '{{ smartlic_renew[inventory_hostname] }}' },
      },
    );
  rescue.push({
    name: 'Report',
    'ansible.builtin.fail': {
      msg: `smartlic fix ${strategy}: the renewal was not proven ({{ ${line('smartlic_after')} if smartlic_after is defined and smartlic_after.stdout is defined else 'no answer' }})${changes ? '; the previous lines are back and nothing was saved' : ''}`,
    },
  });
  return {
    name: `smartlic fix ${strategy}: ${TITLES[strategy]}`,
    hosts: hosts.map((h) => h.host),
    gather_facts: false,
    vars: {
      ...(changes
        ? { smartlic_lines: perHost((p) => p.lines), smartlic_rollback: perHost((p) => p.rollback) }
        : {}),
      smartlic_renew: perHost((p) => p.renew.map((w) => RENEW_COMMANDS[w])),
    },
    tasks: [
      {
        name: 'Licensing state before the change',
        'cisco.asa.asa_command': { commands: [SHOW_LICENSE] },
        register: 'smartlic_before',
      },
      { name: `Fix (${strategy}), verify, or roll back`, block, rescue },
    ],
  };
}
