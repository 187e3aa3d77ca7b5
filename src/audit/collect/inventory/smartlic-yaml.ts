// smartlic's own inventory format:
//
//   defaults: { username: admin, password_env: ASA_PASSWORD, port: 22 }
//   devices:
//     - { name: asa1, host: 10.0.0.1, enable_password_env: ASA_ENABLE, tags: [dc1] }
//
// Each device inherits `defaults`; the device's own fields win. For `--limit`, each tag is a
// group; devices without tags are `ungrouped`.

import { type Document, isMap, isSeq, type LineCounter } from 'yaml';
import { InputError } from '../../../errors.ts';
import {
  type FieldLines,
  type Inventory,
  type InventoryGroup,
  isInvalid,
  SECRET_FIELDS,
  validateDevice,
} from './model.ts';
import { child, keyLine, keyLines, lineOf } from './yaml-lines.ts';

export function loadSmartlicYaml(doc: Document, lc: LineCounter, file: string): Inventory {
  const root = doc.contents;
  const inv: Inventory = {
    file,
    format: 'smartlic',
    devices: [],
    invalid: [],
    warnings: [],
    hosts: [],
    groups: new Map(),
  };
  const top = isMap(root) ? keyLines(root, lc) : {};
  for (const key of Object.keys(top)) {
    if (key !== 'devices' && key !== 'defaults')
      throw new InputError('INVENTORY_FIELD', `${key}: unknown top-level key (expected devices, defaults)`, {
        file,
        line: top[key],
      });
  }
  const defaultsNode = child(root, 'defaults');
  if (defaultsNode && !isMap(defaultsNode))
    throw new InputError('INVENTORY_FIELD', 'defaults: expected a mapping of device fields', {
      file,
      line: lineOf(defaultsNode, lc),
    });
  const defaults = (defaultsNode?.toJSON() ?? {}) as Record<string, unknown>;
  const defaultLines = keyLines(defaultsNode, lc);
  if ('name' in defaults)
    throw new InputError('INVENTORY_FIELD', 'defaults: name belongs to each device', {
      file,
      line: defaultLines.name,
    });

  const devices = child(root, 'devices');
  if (!isSeq(devices))
    throw new InputError('INVENTORY_FIELD', 'devices: expected a list of devices', {
      file,
      line: devices ? lineOf(devices, lc) : isMap(root) ? keyLine(root, 'devices', lc) : 1,
    });

  const seen = new Map<string, number | undefined>();
  devices.items.forEach((item, i) => {
    const line = lineOf(item, lc);
    if (!isMap(item)) {
      inv.invalid.push({
        name: `devices.${i}`,
        message: `${file}:${line}: devices.${i}: expected a mapping (name, host, ...)`,
        origin: { file, line },
      });
      return;
    }
    const own = item.toJSON() as Record<string, unknown>;
    const lines: FieldLines = { ...defaultLines, ...keyLines(item, lc), _device: line };
    const merged = { ...defaults, ...own };
    // An env reference on the device replaces an inline default and vice versa.
    for (const inline of SECRET_FIELDS) {
      const env = `${inline}_env` as const;
      if (inline in own && !(env in own)) delete merged[env];
      if (env in own && !(inline in own)) delete merged[inline];
    }
    const result = validateDevice(merged, lines, file, inv.warnings);
    if (isInvalid(result)) {
      inv.invalid.push(result);
      return;
    }
    if (seen.has(result.name)) {
      inv.invalid.push({
        name: result.name,
        message: `${file}:${line}: device ${result.name}: name: duplicate (first at line ${seen.get(result.name)})`,
        origin: { file, line },
      });
      return;
    }
    seen.set(result.name, line);
    inv.devices.push(result);
  });
  inv.hosts = [...inv.devices, ...inv.invalid].map((d) => d.name);
  inv.groups = tagGroups(inv);
  return inv;
}

/** Groups as --limit sees them: one per tag, under `all`; invalid entries are `ungrouped`. */
function tagGroups(inv: Inventory): Map<string, InventoryGroup> {
  const groups = new Map<string, InventoryGroup>([
    ['all', { hosts: [], children: ['ungrouped'] }],
    ['ungrouped', { hosts: [], children: [] }],
  ]);
  const group = (name: string) => {
    let g = groups.get(name);
    if (!g) {
      g = { hosts: [], children: [] };
      groups.set(name, g);
      groups.get('all')?.children.push(name);
    }
    return g;
  };
  for (const d of inv.devices) {
    if (!d.tags.length) group('ungrouped').hosts.push(d.name);
    for (const t of new Set(d.tags)) if (t !== 'all' && t !== 'ungrouped') group(t).hosts.push(d.name);
  }
  for (const d of inv.invalid) group('ungrouped').hosts.push(d.name);
  return groups;
}
