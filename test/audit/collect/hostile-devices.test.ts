// Hostile SSH devices in one fleet audit, over real SSH on loopback: one that floods an output,
// one that prints a 200 KB line, one that never prompts, one whose dates are years old. Each ends
// as one row (an error row where it could not be collected) and the rest of the fleet is reported,
// without waiting out the per-device budget and with bounded memory.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFleet, type InventoryDevice, knownHostsLine } from '../../../src/audit/collect/index.ts';
import { runAudit } from '../../../src/audit/run.ts';
import { readCorpus } from '../inputs.ts';
import { type FakeAsa, fakeDevice, startFakeAsa } from './fake-asa.ts';

let dir: string;
const servers: FakeAsa[] = [];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smartlic-hostile-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

const dev = fakeDevice;

const LICENSE = readCorpus('show-license-all__ntc-templates__1.txt');
const HUGE_LINE = 200 * 1024;

describe('hostile devices in a fleet audit', () => {
  it('each is one row, the rest of the fleet is reported, and nobody waits out the budget', async () => {
    const specs: Record<string, Parameters<typeof startFakeAsa>[0]> = {
      good1: { autoEnable: true },
      good2: { autoEnable: true, hostname: 'fw2' },
      flood: { autoEnable: true, floodOn: 'show license all' },
      longline: {
        autoEnable: true,
        outputs: {
          'show license all': LICENSE.replace(
            'Smart Account: COMPANY LLC',
            `Smart Account: ${'A'.repeat(HUGE_LINE)}`,
          ),
        },
      },
      silent: { neverPrompt: true },
      // Dates of 1900 (the others print 2018): once 20 s of prediction that froze the fleet.
      olddates: {
        autoEnable: true,
        outputs: { 'show license all': LICENSE.replace(/2018/g, '1900').replace(/2019/g, '1901') },
      },
    };
    const devices: InventoryDevice[] = [];
    for (const [name, spec] of Object.entries(specs)) {
      const s = await startFakeAsa(spec);
      servers.push(s);
      devices.push(dev(name, s.port));
    }
    const knownHostsFile = join(dir, 'known_hosts');
    await writeFile(
      knownHostsFile,
      servers.map((s) => `${knownHostsLine('127.0.0.1', s.port, s.publicKey)}\n`).join(''),
    );
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const sample = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const budgetMs = 20_000;
    const commandTimeoutMs = 3_000;
    const took: Record<string, number> = {};
    const report = await runAudit({
      collections: collectFleet(devices, {
        knownHostsFile,
        jitterMs: 0,
        timeoutMs: budgetMs,
        commandTimeoutMs,
        promptIdleMs: 300,
      }),
      now: Date.parse('2026-12-01T00:00:00Z'),
      onDevice: (_audit, collection) => {
        took[collection.device] = collection.durationMs;
      },
    });
    clearInterval(sample);

    const rows = Object.fromEntries(report.devices.map((d) => [d.device, d]));
    expect(report.devices.map((d) => d.device).sort()).toEqual(Object.keys(specs).sort());
    expect(rows.good1?.ok).toBe(true);
    expect(rows.good2?.ok).toBe(true);
    expect(rows.olddates?.ok).toBe(true);
    expect(rows.olddates?.facts.communicationDeadline).toBe('1901-03-03T16:37:54.000Z');
    expect(rows.olddates?.findings.map((f) => f.code)).toContain('IMPLAUSIBLE_DATE');
    // The flood is cut at the output cap: an error row at once, not a timeout.
    expect(rows.flood?.ok).toBe(false);
    expect(rows.flood?.error).toMatchObject({ phase: 'read', code: 'OUTPUT_TOO_LARGE' });
    expect(rows.flood?.error?.message).toContain('show license all');
    // What was collected before the flood is kept.
    expect(rows.flood?.findings.map((f) => f.code)).toContain('COLLECTION_FAILED');
    // The device that never prompts: its banner, then silence, is not an ASA prompt.
    expect(rows.silent?.ok).toBe(false);
    expect(rows.silent?.error).toMatchObject({ phase: 'prompt', code: 'UNEXPECTED_PROMPT' });
    // The 200 KB line is read up to the line cap, with a warning; the device is audited.
    expect(rows.longline?.ok).toBe(true);
    expect(rows.longline?.facts.parseWarnings).toBeGreaterThanOrEqual(1);
    expect(rows.longline?.facts.registration).toBe('REGISTERED');
    // The flood ended at the cap, not on a timeout; nobody sat out the device budget; memory
    // stayed far below what buffering the flood until a timeout took (hundreds of MB).
    expect(took.flood).toBeLessThan(commandTimeoutMs);
    for (const [device, ms] of Object.entries(took)) expect([device, ms < budgetMs]).toEqual([device, true]);
    expect(peak - rss0).toBeLessThan(300 * 1024 * 1024);
  });

  it('a byte cap of its own per command and per device', async () => {
    const s = await startFakeAsa({ autoEnable: true });
    servers.push(s);
    const knownHostsFile = join(dir, 'known_hosts_caps');
    await writeFile(knownHostsFile, `${knownHostsLine('127.0.0.1', s.port, s.publicKey)}\n`);
    const collect = async (opts: { maxCommandBytes?: number; maxDeviceBytes?: number }) => {
      for await (const c of collectFleet([dev('capped', s.port)], { knownHostsFile, jitterMs: 0, ...opts }))
        return c;
      throw new Error('nothing collected');
    };
    // show version is the largest output (about 2.6 KB): a 2 KB cap stops there.
    const perCommand = await collect({ maxCommandBytes: 2048 });
    expect(perCommand.error).toMatchObject({ code: 'OUTPUT_TOO_LARGE' });
    expect(perCommand.error?.message).toMatch(
      /one output was more than 2048 bytes while running show version/,
    );
    const perDevice = await collect({ maxDeviceBytes: 4000 });
    expect(perDevice.error).toMatchObject({ code: 'OUTPUT_TOO_LARGE' });
    expect(perDevice.error?.message).toMatch(/the device printed more than 4000 bytes/);
    expect(perDevice.outputs.length).toBeGreaterThan(0);
    expect((await collect({})).ok).toBe(true);
  });
});
