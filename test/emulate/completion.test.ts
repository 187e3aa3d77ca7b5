// Tab on the emulated ASA's grammar (command-tree.ts completeLine over the real modes): a unique
// prefix is finished with a space, a shared one extended or listed; arguments are never completed.

import { describe, expect, it } from 'vitest';
import { grammarFor } from '../../src/emulate/cli-commands.ts';
import { completeLine } from '../../src/emulate/command-tree.ts';

const exec = grammarFor('exec');
const config = grammarFor('config');
const tab = (g: ReturnType<typeof grammarFor>, partial: string) => completeLine(g.roots, partial, g.noRoots);

describe('Tab completion', () => {
  it('finishes a unique prefix and adds a space', () => {
    expect(tab(exec, 'sh')).toEqual({ kind: 'append', text: 'ow ' });
    expect(tab(exec, 'show ver')).toEqual({ kind: 'append', text: 'sion ' });
    expect(tab(exec, 'show lic')).toEqual({ kind: 'append', text: 'ense ' });
    expect(tab(exec, 'show license st')).toEqual({ kind: 'append', text: 'atus ' });
    expect(tab(exec, 'SHOW CLO')).toEqual({ kind: 'append', text: 'ck ' });
    expect(tab(config, 'license smart reg')).toEqual({ kind: 'append', text: 'ister ' });
  });

  it('lists the keywords a prefix could be', () => {
    expect(tab(exec, 'c')).toEqual({ kind: 'list', words: ['configure', 'copy'] });
    expect(tab(exec, 'show license su')).toEqual({ kind: 'append', text: 'mmary ' });
    expect(tab(config, 'banner ')).toEqual({ kind: 'none' });
    expect(tab(config, 'banner e')).toEqual({ kind: 'append', text: 'xec ' });
    expect(tab(grammarFor('smart-lic'), 't')).toEqual({ kind: 'list', words: ['throughput', 'transport'] });
    expect(tab(exec, 'show run')).toEqual({ kind: 'append', text: 'ning-config ' });
    expect(tab(config, 'banner m')).toEqual({ kind: 'append', text: 'otd ' });
  });

  it('completes nothing after a space, for arguments, unknown words or prefixes the ASA finds ambiguous', () => {
    expect(tab(exec, 'show ')).toEqual({ kind: 'none' });
    expect(tab(exec, '')).toEqual({ kind: 'none' });
    expect(tab(exec, 'show bogus')).toEqual({ kind: 'none' });
    expect(tab(config, 'hostname ED')).toEqual({ kind: 'none' });
    // `sh l` is ambiguous on a real ASA (license, logging, local-host, …): no guess.
    expect(tab(exec, 'show l')).toEqual({ kind: 'none' });
    expect(tab(exec, 'show license s')).toEqual({ kind: 'none' });
  });
});
