// Finds import cycles among the TypeScript modules under a folder (default `src`): the check
// `npx madge --circular --extensions ts src` makes, without the dependency. Relative imports here
// always name the `.ts` file (tsconfig `allowImportingTsExtensions`), so reading the specifiers is
// enough: no resolver. Type-only imports, re-exports and dynamic `import('…')` all count as edges,
// as they do for madge: a cycle through types alone still ties two modules into one.
// Run: npx tsx scripts/import-cycles.ts [DIR]   (exit 1 and one line per cycle when any exists)

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Module (path relative to the root, `/`-separated) → the modules it imports. */
export type ImportGraph = Map<string, string[]>;

// Statement forms, each anchored at a line start so that text inside strings rarely matches:
// `import … from 'x'`, `import 'x'`, `export … from 'x'`. The body may span lines (`[^;]` stops at
// the statement's end).
const STATIC = /^\s*(?:import|export)\s+(?:[^;'"]*?\s+from\s+)?'([^']+)'/gm;
const DYNAMIC = /\bimport\(\s*'([^']+)'\s*\)/g;

/** Comments removed, so a sentence that mentions `import('x')` is not an edge. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Every specifier a module's text imports (`./x.ts`, `node:fs`, `zod`), static ones first. */
export function importSpecifiers(text: string): string[] {
  const code = stripComments(text);
  const out: string[] = [];
  for (const re of [STATIC, DYNAMIC]) for (const m of code.matchAll(re)) if (m[1]) out.push(m[1]);
  return out;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The import graph of every `.ts` file under `root` (tests included: they are modules too). */
export function importGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const name = (p: string) => relative(root, p).split('\\').join('/');
  const files = tsFiles(root);
  const known = new Set(files.map(name));
  for (const file of files) {
    const targets = importSpecifiers(readFileSync(file, 'utf8'))
      .filter((s) => s.startsWith('.'))
      .map((s) => name(resolve(dirname(file), s)))
      .filter((t) => known.has(t));
    graph.set(name(file), [...new Set(targets)]);
  }
  return graph;
}

/**
 * Every cycle, one per strongly connected component (Tarjan), as the path that closes it:
 * `['a.ts', 'b.ts', 'a.ts']`. Sorted, so the output is stable. Iterative: depth is not bounded by
 * the call stack.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const edges = (v: string) => graph.get(v) ?? [];
  for (const start of [...graph.keys()].sort()) {
    if (index.has(start)) continue;
    const work: Array<{ v: string; i: number }> = [{ v: start, i: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { v: string; i: number };
      const out = edges(frame.v);
      if (frame.i < out.length) {
        const w = out[frame.i++] as string;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.v, Math.min(low.get(frame.v) as number, index.get(w) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.v, Math.min(low.get(parent.v) as number, low.get(frame.v) as number));
      if (low.get(frame.v) === index.get(frame.v)) {
        const component: string[] = [];
        let w: string | undefined;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.v);
        const selfLoop = component.length === 1 && edges(frame.v).includes(frame.v);
        if (component.length > 1 || selfLoop) components.push(component);
      }
    }
  }
  return components.map((c) => cyclePath(graph, new Set(c))).sort((a, b) => a.join().localeCompare(b.join()));
}

/** One concrete cycle inside a strongly connected component (breadth-first, so a shortest one). */
function cyclePath(graph: ImportGraph, members: Set<string>): string[] {
  const start = [...members].sort()[0] as string;
  const from = new Map<string, string>();
  const queue = [start];
  for (let k = 0; k < queue.length; k++) {
    const v = queue[k] as string;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(from.get(path[0] as string) as string);
        return [...path, start];
      }
      if (!from.has(w)) {
        from.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../src'));
  const cycles = findCycles(importGraph(root));
  for (const c of cycles) process.stdout.write(`cycle: ${c.join(' -> ')}\n`);
  process.stdout.write(`${cycles.length} import cycle(s) under ${root}\n`);
  process.exitCode = cycles.length === 0 ? 0 : 1;
}
