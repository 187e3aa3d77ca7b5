// Parse YAML and map a path inside the document to its 1-based line, so errors can say
// `file:line`. Shared by the smartlic and the Ansible YAML loaders and the vars files.

import {
  type Document,
  isMap,
  isNode,
  isScalar,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
} from 'yaml';
import { InputError } from '../../../errors.ts';

/** Parse YAML text; the first syntax error is an InputError at its `file:line`. */
export function parseYaml(text: string, file: string): { doc: Document; lc: LineCounter } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const err = doc.errors[0];
  if (err)
    throw new InputError('INVENTORY_SYNTAX', `YAML: ${err.message.split('\n')[0]}`, {
      file,
      line: lc.linePos(err.pos[0]).line,
    });
  return { doc, lc };
}

/** 1-based line of the node's start, or undefined when it has no range. */
export function lineOf(node: unknown, lc: LineCounter): number | undefined {
  if (!isNode(node) || !node.range) return undefined;
  return lc.linePos(node.range[0]).line;
}

/** Line of the key `key` inside a map (the key's line reads better than the value's). */
export function keyLine(map: YAMLMap, key: string, lc: LineCounter): number | undefined {
  for (const pair of map.items) {
    if (isScalar(pair.key) && String(pair.key.value) === key)
      return lineOf(pair.key, lc) ?? lineOf(pair.value, lc);
  }
  return undefined;
}

/** The lines of every key of a map, by key. */
export function keyLines(map: unknown, lc: LineCounter): Record<string, number> {
  const out: Record<string, number> = {};
  if (!isMap(map)) return out;
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const line = lineOf(pair.key, lc);
    if (line !== undefined) out[String(pair.key.value)] = line;
  }
  return out;
}

/** The map node's child at `key`, if it is a node. */
export function child(map: unknown, key: string): Node | undefined {
  if (!isMap(map)) return undefined;
  const v = map.get(key, true);
  return isNode(v) ? v : undefined;
}
