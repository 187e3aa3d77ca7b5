// The module graph of src: no import cycles (what `madge --circular` checks, by our own small
// script, scripts/import-cycles.ts) and the layers the design promises: a pure core, shared
// protocol code that neither the authority nor the transport owns.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, importSpecifiers } from '../scripts/import-cycles.ts';
import { REPO_ROOT } from './helpers/fixtures.ts';

const SRC = join(REPO_ROOT, 'src');
const graph = importGraph(SRC);
const isTest = (m: string) => m.endsWith('.test.ts');

describe('import cycles', () => {
  it('src has none', () => {
    expect(findCycles(graph).map((c) => c.join(' -> '))).toEqual([]);
  });

  it('the finder reports a cycle through type imports, re-exports and dynamic imports', () => {
    const g = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(findCycles(g)).toEqual([
      ['a.ts', 'b.ts', 'c.ts', 'a.ts'],
      ['e.ts', 'e.ts'],
    ]);
    const text = [
      "import type { A } from './a.ts';",
      "export { b } from '../b.ts';",
      'import {',
      '  c,',
      "} from './c.ts';",
      "const d = await import('./d.ts');",
      "// import { e } from './e.ts';",
      "import 'node:fs';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual(['./a.ts', '../b.ts', './c.ts', 'node:fs', './d.ts']);
  });

  it('sees the graph whole: every module of src is in it, with its imports', () => {
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get('cli.ts')).toContain('commands/audit.ts');
    expect(graph.get('lab/lab.ts')).toContain('lab/status.ts');
  });
});

describe('layers', () => {
  const specifiersOf = (m: string) => importSpecifiers(readFileSync(join(SRC, m), 'utf8'));

  it('the core imports only the core (and zod): no sockets, files, clocks or other layers', () => {
    for (const [m, targets] of graph) {
      if (!m.startsWith('core/') || isTest(m)) continue;
      for (const t of targets) expect(t.startsWith('core/'), `${m} imports ${t}`).toBe(true);
      for (const s of specifiersOf(m).filter((x) => !x.startsWith('.')))
        expect(s, `${m} imports ${s}`).toBe('zod');
    }
  });

  it('protocol code depends on the core only; the transport and the authority never on each other', () => {
    for (const [m, targets] of graph) {
      if (isTest(m)) continue;
      for (const t of targets) {
        if (m.startsWith('protocol/')) expect(t, m).toMatch(/^(core|protocol)\//);
        if (m.startsWith('transport/')) expect(t.startsWith('authority/'), `${m} imports ${t}`).toBe(false);
        if (m.startsWith('authority/')) expect(t.startsWith('transport/'), `${m} imports ${t}`).toBe(false);
      }
    }
  });

  it('nothing imports the CLI entry point', () => {
    for (const [m, targets] of graph) expect(targets.includes('cli.ts'), m).toBe(false);
  });
});
