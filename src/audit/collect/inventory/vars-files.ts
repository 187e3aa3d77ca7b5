// group_vars/ and host_vars/ beside an inventory file, found the way Ansible's host_group_vars
// plugin and DataLoader.find_vars_files find them (the built-in reader): for a name, the first
// of `name` (a file, or a folder read in sorted order, recursively), `name.yml`, `name.yaml`,
// `name.json`. Hidden files and `~` backups are skipped; later files win.

import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { InputError } from '../../../errors.ts';
import type { VarsFiles } from './ansible-groups.ts';
import type { Vars } from './ansible-view.ts';
import { varsOf } from './ansible-yaml.ts';
import { parseYaml } from './yaml-lines.ts';

const EXTENSIONS = ['', '.yml', '.yaml', '.json'];

async function kind(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

async function filesIn(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (name.startsWith('.') || name.endsWith('~')) continue;
    const path = join(dir, name);
    const ext = extname(name);
    const k = await kind(path);
    if (k === 'dir' && !ext) out.push(...(await filesIn(path)));
    else if (k === 'file' && EXTENSIONS.includes(ext)) out.push(path);
  }
  return out;
}

async function findVarsFiles(base: string, entries: ReadonlySet<string>, name: string): Promise<string[]> {
  for (const ext of EXTENSIONS) {
    if (!entries.has(name + ext)) continue;
    const path = join(base, name + ext);
    const k = await kind(path);
    if (k === 'dir') return filesIn(path);
    if (k === 'file') return [path];
  }
  return [];
}

async function readVarsFile(path: string): Promise<Vars> {
  const text = await readFile(path, 'utf8');
  if (text.startsWith('$ANSIBLE_VAULT;'))
    throw new InputError(
      'INVENTORY_VAULT_FILE',
      'a vault-encrypted vars file: only Ansible decrypts it (install Ansible: ansible-inventory on PATH)',
      { file: path },
    );
  const { doc, lc } = parseYaml(text, path);
  return varsOf(doc.contents, lc, path);
}

async function varsFor(base: string, entries: ReadonlySet<string>, name: string): Promise<Vars | undefined> {
  const files = await findVarsFiles(base, entries, name);
  if (!files.length) return undefined;
  const vars: Vars = new Map();
  for (const f of files) for (const [k, v] of await readVarsFile(f)) vars.set(k, v);
  return vars;
}

/** Read group_vars/ and host_vars/ beside `inventoryFile` for these groups and hosts. */
export async function readVarsFiles(
  inventoryFile: string,
  groups: Iterable<string>,
  hosts: Iterable<string>,
): Promise<VarsFiles> {
  const dir = dirname(inventoryFile);
  const load = async (sub: string, names: Iterable<string>) => {
    const base = join(dir, sub);
    const out = new Map<string, Vars>();
    if ((await kind(base)) !== 'dir') return out;
    // Only names the folder holds are looked at: a host named `../x` finds nothing outside it.
    const entries = new Set(await readdir(base));
    for (const name of names) {
      const vars = await varsFor(base, entries, name);
      if (vars) out.set(name, vars);
    }
    return out;
  };
  const byGroup = await load('group_vars', groups);
  const byHost = await load('host_vars', hosts);
  return { group: (name) => byGroup.get(name), host: (name) => byHost.get(name) };
}
