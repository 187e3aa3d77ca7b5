// Read an inventory and pick its reader. smartlic YAML (top-level `devices`) is ours. Any other
// inventory is Ansible's: when `ansible-inventory` is on PATH, Ansible itself reads it (group_vars,
// host_vars, vault, plugins, the user's ansible.cfg); otherwise the built-in reader reads an INI
// or YAML file (with group_vars/ and host_vars/ beside it) the way Ansible 2.14 would.

import { readFile, stat } from 'node:fs/promises';
import { isMap } from 'yaml';
import { InputError } from '../../../errors.ts';
import { type AnsibleSource, resolveAnsible } from './ansible-groups.ts';
import { devicesFromAnsible, vaultCiphertexts } from './ansible-hosts.ts';
import { readAnsibleIni } from './ansible-ini.ts';
import { decryptWithAnsible, findOnPath, listWithAnsible } from './ansible-inventory.ts';
import type { AnsibleView } from './ansible-view.ts';
import { readAnsibleYaml } from './ansible-yaml.ts';
import type { Inventory } from './model.ts';
import { loadSmartlicYaml } from './smartlic-yaml.ts';
import { readVarsFiles } from './vars-files.ts';
import { parseYaml } from './yaml-lines.ts';

export interface LoadInventoryOptions {
  /** The environment: PATH finds Ansible, which also reads its settings (vault, config) from it. */
  env?: NodeJS.ProcessEnv;
  /** Where Ansible runs (it looks for ./ansible.cfg there). */
  cwd?: string;
  /** `auto` (default): ansible-inventory when it is on PATH; `built-in`: never run Ansible. */
  reader?: 'auto' | 'built-in' | 'ansible-inventory';
}

function looksLikeIni(file: string, text: string): boolean {
  if (/\.(ini|cfg|hosts)$/i.test(file) || /(^|\/)hosts$/.test(file)) return true;
  if (/\.ya?ml$/i.test(file)) return false;
  const first = text.split(/\r?\n/).find((l) => l.trim() && !/^\s*[#;]/.test(l));
  return first !== undefined && (/^\s*\[[^\]]+\]\s*$/.test(first) || /^\S+\s+\w+=/.test(first));
}

type Parsed =
  | { kind: 'smartlic'; inventory: Inventory }
  | { kind: 'ansible'; source: AnsibleSource; format: 'ansible-yaml' | 'ansible-ini' };

function parseText(text: string, file: string): Parsed {
  if (looksLikeIni(file, text))
    return { kind: 'ansible', source: readAnsibleIni(text, file), format: 'ansible-ini' };
  const { doc, lc } = parseYaml(text, file);
  const root = doc.contents;
  if (!isMap(root))
    throw new InputError(
      'INVENTORY_FORMAT',
      'expected a smartlic inventory (devices: [...]) or an Ansible inventory (all: {hosts, children, vars})',
      { file, line: 1 },
    );
  if (root.has('devices') || root.has('defaults'))
    return { kind: 'smartlic', inventory: loadSmartlicYaml(doc, lc, file) };
  return { kind: 'ansible', source: readAnsibleYaml(doc, lc, file), format: 'ansible-yaml' };
}

function withWarnings(inv: Inventory, warnings: string[]): Inventory {
  return warnings.length ? { ...inv, warnings: [...warnings, ...inv.warnings] } : inv;
}

/**
 * Parse inventory text with the built-in reader, without files beside it and without decrypting
 * `!vault` values (the file name gives the format and error locations). For code and tests that
 * hold an inventory in memory; `loadInventory` is the full reader.
 */
export function parseInventory(text: string, file: string, env: NodeJS.ProcessEnv = process.env): Inventory {
  const parsed = parseText(text, file);
  if (parsed.kind === 'smartlic') return parsed.inventory;
  const view = resolveAnsible(parsed.source, file);
  const why = new Error('only loadInventory decrypts vault values (through ansible-vault)');
  const vault = new Map(vaultCiphertexts(view, env).map((c) => [c, why]));
  return withWarnings(devicesFromAnsible(view, file, parsed.format, { env, vault }), parsed.source.warnings);
}

async function devices(
  view: AnsibleView,
  file: string,
  format: Inventory['format'],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<Inventory> {
  const needed = vaultCiphertexts(view, env);
  const vault = needed.length
    ? await decryptWithAnsible(findOnPath('ansible-vault', env), needed, { env, cwd })
    : new Map<string, string | Error>();
  return devicesFromAnsible(view, file, format, { env, vault });
}

/**
 * Load an inventory file (or, through Ansible, any inventory source). Throws InputError
 * (file:line) for structural problems only; a bad device lands in `invalid` so the others are
 * still collected.
 */
export async function loadInventory(file: string, opts: LoadInventoryOptions = {}): Promise<Inventory> {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  const fail = (cause: unknown): never => {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new InputError('INVENTORY_READ', `cannot read inventory (${code ?? 'error'})`, { file }, cause);
  };
  const isFile = (await stat(file).catch(fail)).isFile();
  const text = isFile ? await readFile(file, 'utf8').catch(fail) : undefined;
  const parsed =
    text === undefined
      ? undefined
      : (() => {
          // A file neither reader understands may still be something Ansible reads (a script, a plugin).
          try {
            return parseText(text, file);
          } catch (error) {
            return error as Error;
          }
        })();
  if (parsed && !(parsed instanceof Error) && parsed.kind === 'smartlic') return parsed.inventory;
  // Not YAML at all (and not INI): Ansible's YAML reader would stop at the same place.
  if (parsed instanceof InputError && parsed.message.startsWith('YAML:')) throw parsed;

  const ansible = opts.reader === 'built-in' ? undefined : findOnPath('ansible-inventory', env);
  if (ansible) {
    const { view, warnings } = await listWithAnsible(ansible, file, { env, cwd });
    return withWarnings(await devices(view, file, 'ansible-inventory', env, cwd), warnings);
  }
  if (opts.reader === 'ansible-inventory')
    throw new InputError('INVENTORY_ANSIBLE', 'ansible-inventory is not on PATH', { file });
  if (parsed instanceof Error) throw parsed;
  if (!parsed)
    throw new InputError(
      'INVENTORY_FORMAT',
      'not a file: inventory folders and scripts are read by Ansible (install Ansible: ansible-inventory on PATH)',
      { file },
    );
  const view = resolveAnsible(
    parsed.source,
    file,
    await readVarsFiles(file, parsed.source.groups.keys(), parsed.source.hosts.keys()),
  );
  return withWarnings(await devices(view, file, parsed.format, env, cwd), parsed.source.warnings);
}
