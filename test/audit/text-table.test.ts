// The audit's terminal table: drawn as cli-table3 draws it (its box characters and padding, held
// to cli-table3 itself on random cells: colour codes, wide and accented characters), in time
// linear in the number of devices (cli-table3 took 9x the time for 4x the rows).

import Table from 'cli-table3';
import fc from 'fast-check';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { boxTable, displayWidth } from '../../src/audit/report/text-table.ts';

const c = pc.createColors(true);
const piece = fc.constantFrom(
  'fw1',
  'a',
  ' ',
  'é',
  'Ünï',
  '日本',
  '한',
  c.red('crit'),
  c.bold(c.red('x')),
  '-',
  '9.20(2)',
);
const cell = fc.array(piece, { maxLength: 5 }).map((p) => p.join(''));

function viaCliTable3(head: string[], rows: string[][]): string {
  const t = new Table({
    head,
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of rows) t.push(r);
  return t.toString();
}

describe('boxTable', () => {
  it('draws what cli-table3 draws', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((cols) =>
            fc.tuple(
              fc.array(cell, { minLength: cols, maxLength: cols }),
              fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { maxLength: 6 }),
            ),
          ),
        ([head, rows]) => {
          expect(boxTable(head, rows)).toBe(viaCliTable3(head, rows));
        },
      ),
      { numRuns: 500 },
    );
    expect(displayWidth(c.red('日本é'))).toBe(5);
  });

  it('costs time linear in the number of rows', () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => [
        `fw${i}`,
        'ASA5516 9.12(2)',
        'callhome',
        c.yellow('warning COMM_FAILING'),
      ]);
    const head = ['device', 'platform / version', 'transport', 'worst'];
    const cpu = (n: number) => {
      const r = rows(n);
      boxTable(head, r);
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 5; i++) {
        const c0 = process.cpuUsage();
        boxTable(head, r);
        const used = process.cpuUsage(c0);
        best = Math.min(best, (used.user + used.system) / 1000);
      }
      return best;
    };
    const small = cpu(2000);
    const large = cpu(8000);
    // Linear: about 4x; cli-table3 took 9x or more.
    expect(large / Math.max(small, 0.5)).toBeLessThan(7);
  });
});
