// Read an inventory file and pick its loader: smartlic YAML (top-level `devices`), Ansible YAML
// (groups with hosts/children/vars) or Ansible INI (`[group]` sections, `host key=value` lines).

import { readFile } from 'node:fs/promises';
import { isMap, LineCounter, parseDocument } from 'yaml';
import { InputError } from '../../../errors.ts';
import { loadAnsibleIni } from './ansible-ini.ts';
import { loadAnsibleYaml } from './ansible-yaml.ts';
import type { Inventory } from './model.ts';
import { loadSmartlicYaml } from './smartlic-yaml.ts';

function looksLikeIni(file: string, text: string): boolean {
  if (/\.(ini|cfg|hosts)$/i.test(file) || /(^|\/)hosts$/.test(file)) return true;
  if (/\.ya?ml$/i.test(file)) return false;
  const first = text.split(/\r?\n/).find((l) => l.trim() && !/^\s*[#;]/.test(l));
  return first !== undefined && (/^\s*\[[^\]]+\]\s*$/.test(first) || /^\S+\s+\w+=/.test(first));
}

/** Parse inventory text (the file name is used for format detection and error locations). */
export function parseInventory(text: string, file: string): Inventory {
  if (looksLikeIni(file, text)) return loadAnsibleIni(text, file);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const err = doc.errors[0];
  if (err) {
    const line = lc.linePos(err.pos[0]).line;
    throw new InputError('INVENTORY_SYNTAX', `YAML: ${err.message.split('\n')[0]}`, { file, line });
  }
  const root = doc.contents;
  if (!isMap(root))
    throw new InputError(
      'INVENTORY_FORMAT',
      'expected a smartlic inventory (devices: [...]) or an Ansible inventory (all: {hosts, children, vars})',
      { file, line: 1 },
    );
  return root.has('devices') || root.has('defaults')
    ? loadSmartlicYaml(doc, lc, file)
    : loadAnsibleYaml(doc, lc, file);
}

/** Load an inventory file. Throws InputError (file:line) for structural problems only; a bad
 * device lands in `invalid` so the others are still collected. */
export async function loadInventory(file: string): Promise<Inventory> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new InputError('INVENTORY_READ', `cannot read inventory (${code ?? 'error'})`, { file }, cause);
  }
  return parseInventory(text, file);
}
