// The committed JSON Schemas (schema/*.schema.json) are what the generator makes from the zod
// contracts, and real outputs validate against them: `smartlic probe --json` against a running
// lab's authority and a closed port, `smartlic lab status --json` / `GET /v1/status` of the
// built-in lab after a month, `smartlic history --json` after two audits of a seed capture,
// `smartlic fix --json` planned from a saved audit of one.

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { SCHEMA_DIR, SCHEMAS, schemaText } from '../scripts/gen-schema.ts';
import { HistoryOutputSchema } from '../src/audit/history/contract.ts';
import { DAY } from '../src/core/time.ts';
import { SMART_TRANSPORT_URL } from '../src/core/transport.ts';
import { FixReportSchema } from '../src/fix/contract.ts';
import { BUILTIN_DEVICES, builtinLab } from '../src/lab/builtin.ts';
import { type RunningControl, startControlApi } from '../src/lab/control.ts';
import { type Lab, startLab } from '../src/lab/lab.ts';
import { LabStatusSchema } from '../src/lab/status.ts';
import { ProbeReportSchema } from '../src/probe/types.ts';
import { runCli } from './helpers/cli.ts';
import { SEED_DIR } from './helpers/fixtures.ts';
import { refusedPort } from './transport/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-schemas-'));
let lab: Lab;
let control: RunningControl;

beforeAll(async () => {
  lab = await startLab(builtinLab({ password: 'Sch3ma-pass', start: '2026-01-12T13:09:43Z' }), {
    stateDir: join(dir, 'lab'),
  });
  control = await startControlApi(lab, { stateDir: join(dir, 'lab'), onShutdown: () => {} });
  // A month on: renewals done, the proxy device's CONNECTs in the gateway log, failures recorded.
  await lab.advance(31 * DAY);
}, 60_000);
afterAll(async () => {
  await control?.close();
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every problem zod finds, one line each (an empty list when the value validates). */
function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('schema/*.schema.json', () => {
  it.each(SCHEMAS.map((s) => [s.file, s.build] as const))(
    '%s is what `npm run schema` generates',
    (file, build) => {
      expect(readFileSync(join(SCHEMA_DIR, file), 'utf8')).toBe(schemaText(build));
    },
  );
});

describe('real outputs validate', () => {
  it('smartlic probe --json: a lab authority that passes every step and a closed port that fails', async () => {
    const smart = new URL(SMART_TRANSPORT_URL);
    smart.port = String(lab.authorityServer.port);
    const closed = await refusedPort();
    const caFile = lab.caFile ?? '';
    const run = await runCli(
      [
        'probe',
        '--json',
        '--timeout',
        '5',
        '--ca',
        caFile,
        '--resolve',
        `${smart.hostname}:127.0.0.1`,
        smart.href,
        `https://127.0.0.1:${closed}/`,
      ],
      { cwd: dir },
    );
    expect(run.err).toBe('');
    const report = JSON.parse(run.out);
    expect(problems(ProbeReportSchema, report)).toEqual([]);
    expect(report.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false]);
    expect(run.code).toBe(1);
  });

  it('smartlic lab status --json and GET /v1/status of the built-in lab', async () => {
    const run = await runCli(['lab', 'status', '--json', '--state-dir', join(dir, 'lab')], { cwd: dir });
    expect(run.code).toBe(0);
    const status = JSON.parse(run.out);
    expect(problems(LabStatusSchema, status)).toEqual([]);
    // One row per running device: a failover pair is its two units.
    expect(status.devices.length).toBe(Object.values(BUILTIN_DEVICES).length);
    expect(status.devices.filter((d: { failover?: unknown }) => d.failover)).toHaveLength(2);
    expect(status.devices.filter((d: { contexts?: unknown }) => d.contexts)).toHaveLength(1);
    expect(status.network.length).toBeGreaterThan(0);
    expect(status.gateway.recent.length).toBeGreaterThan(0);
    expect(problems(LabStatusSchema, JSON.parse(JSON.stringify(lab.status())))).toEqual([]);
  });

  it('smartlic history --json after two audits of seed condition 1', async () => {
    const capture = join(dir, 'fw1.txt');
    copyFileSync(join(SEED_DIR, 'seed-condition-1.txt'), capture);
    const db = join(dir, 'history.db');
    for (const now of ['2026-01-20T00:00:00Z', '2026-05-01T00:00:00Z']) {
      const audit = await runCli(['audit', '--from', capture, '--now', now, '--db', db, '--json'], {
        cwd: dir,
      });
      expect(audit.code, audit.err).toBeLessThan(3);
    }
    const run = await runCli(['history', '--db', db, '--json'], { cwd: dir });
    expect(run.code, run.err).toBe(0);
    const output = JSON.parse(run.out);
    expect(problems(HistoryOutputSchema, output)).toEqual([]);
    expect(Object.values(output.devices).flat()).toHaveLength(2);
  });

  it('smartlic fix --json: the plan from a saved audit of seed condition 1 on Smart Transport (applied runs: test/fix)', async () => {
    // Seed condition 1 on Smart Transport (the seed's show license status sample).
    const capture = join(dir, 'fw2');
    mkdirSync(capture);
    copyFileSync(join(SEED_DIR, 'seed-condition-1.txt'), join(capture, 'show-license-all.txt'));
    copyFileSync(join(SEED_DIR, 'seed-status-smart.txt'), join(capture, 'show-license-status.txt'));
    const audit = await runCli(
      ['audit', '--from', capture, '--now', '2026-01-20T00:00:00Z', '--json', '--no-history'],
      {
        cwd: dir,
      },
    );
    writeFileSync(join(dir, 'audit.json'), audit.out);
    const run = await runCli(['fix', '--from-audit', 'audit.json', '--json', '--no-history'], { cwd: dir });
    expect(run.code, run.err).toBe(0);
    const output = JSON.parse(run.out);
    expect(problems(FixReportSchema, output)).toEqual([]);
    // The seed's status sample is printed at an `ASA#` prompt: the device is named after it.
    expect(output.devices[0]).toMatchObject({
      device: 'ASA',
      outcome: 'planned',
      plan: { strategy: 'callhome' },
    });
  });
});
