// bench/history: what writing audits into the history costs on PostgreSQL beside SQLite, both
// measured in the same run on the same machine and disk, through the same HistoryStore.recordAudit
// that `smartlic audit` calls. PostgreSQL is a throwaway cluster from Debian's package started by
// this bench, on loopback TCP with a password as a collector would reach it, with its durability
// defaults (fsync on, synchronous commit); SQLite runs as the store sets it up (WAL, synchronous
// FULL): on both, a recorded audit survives a power loss, so like is compared with like.
//
// Goal (issue 14): 10,000 device audits cost PostgreSQL at most 3x what they cost SQLite. Fleet
// audits of --per-audit devices are the goal's shape (a collector records its fleet each run);
// the same 10,000 devices as one-device audits (one transaction each) are printed beside it.
//
// Usage: npx tsx bench/history.ts [--devices 10000] [--per-audit 100] [--rounds 3]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HistoryStore } from '../src/audit/history/store.ts';
import { historyTarget } from '../src/audit/history/target.ts';
import type { AuditReport } from '../src/audit/report/contract.ts';
import { buildReport, runAudit } from '../src/audit/run.ts';
import { seedFleet } from '../test/audit/inputs.ts';
import { startPostgres } from '../test/helpers/postgres.ts';
import { median } from './median.ts';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '10000' },
    'per-audit': { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
  },
});
const N = Number(values.devices);
const PER_AUDIT = Number(values['per-audit']);
const ROUNDS = Math.max(1, Number(values.rounds));
const GOAL = 3;
const collector = 'bench';

// Real diagnosed devices (the seed's three conditions), renamed into a fleet.
const NOW = Date.parse('2026-02-01T00:00:00Z');
const template = (await runAudit({ collections: seedFleet(), now: NOW })).devices;

function reports(perAudit: number): AuditReport[] {
  const out: AuditReport[] = [];
  for (let start = 0; start < N; start += perAudit) {
    const devices = Array.from({ length: Math.min(perAudit, N - start) }, (_, i) => {
      const d = template[(start + i) % template.length] as AuditReport['devices'][number];
      return { ...d, device: `fw-${String(start + i).padStart(6, '0')}` };
    });
    out.push(buildReport(devices, NOW + out.length * 3_600_000, NOW + out.length * 3_600_000));
  }
  return out;
}

/** Seconds to record `batch` into the store at `db` (opened and migrated before the clock starts). */
async function timeWrites(db: string, batch: AuditReport[]): Promise<number> {
  const store = await HistoryStore.open(historyTarget(db, {}, process.cwd()), { create: true, collector });
  try {
    const t0 = process.hrtime.bigint();
    for (const r of batch) await store.recordAudit(r, { collector });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const [count] = [await store.auditCount()];
    if (count !== batch.length) throw new Error(`${db}: ${count} audits recorded, expected ${batch.length}`);
    return seconds;
  } finally {
    await store.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'smartlic-bench-history-'));
const cluster = await startPostgres({ durable: true });
let failed = false;
try {
  let n = 0;
  console.log(
    `bench/history: ${N} device audits, median of ${ROUNDS} rounds, each into a new store (same run)`,
  );
  // The one-device shape is a sync per audit on both sides (minutes on a slow disk): one round.
  for (const [label, perAudit, rounds, judged] of [
    [`fleet audits of ${PER_AUDIT}`, PER_AUDIT, ROUNDS, true],
    ['one-device audits, 1 round', 1, 1, false],
  ] as const) {
    const batch = reports(perAudit);
    const sqlite: number[] = [];
    const postgres: number[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so neither always writes into a warmer cache.
      const runSqlite = async () => sqlite.push(await timeWrites(join(dir, `h${++n}.db`), batch));
      const runPostgres = async () =>
        postgres.push(await timeWrites(await cluster.createDatabase(`bench${++n}`), batch));
      if (round % 2) await runPostgres().then(runSqlite);
      else await runSqlite().then(runPostgres);
    }
    const s = median(sqlite);
    const p = median(postgres);
    const ratio = p / s;
    const rate = (sec: number) => `${Math.round(N / sec).toLocaleString('en')} devices/s`;
    console.log(`  ${label} (${batch.length} audits):`);
    console.log(`    SQLite (baseline)   ${s.toFixed(3)} s  ${rate(s)}`);
    console.log(`    PostgreSQL          ${p.toFixed(3)} s  ${rate(p)}  = ${ratio.toFixed(2)}x SQLite`);
    if (judged) {
      const met = ratio <= GOAL;
      console.log(`    goal <= ${GOAL}x: ${met ? 'MET' : 'NOT MET'}`);
      if (!met) failed = true;
    }
  }
} finally {
  await cluster.stop();
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
