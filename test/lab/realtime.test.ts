// The clock running at a speed factor: due actions run as (virtual) time passes, with no one
// calling advance. Outcome-based: we wait until the device has renewed, never assert durations.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lab, startLab } from '../../src/lab/lab.ts';
import { parseLabFile } from '../../src/lab/spec.ts';
import { sshExec } from './ssh.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-realtime-'));
let lab: Lab;

beforeAll(async () => {
  lab = await startLab(
    parseLabFile(
      [
        'start: 2026-01-12T13:09:43Z',
        'devices:',
        '  - name: asa1',
        '    password: rt-Passw0rd',
        '    startupConfig: "license smart\\n feature tier standard\\n throughput level 1G\\n"',
      ].join('\n'),
    ),
    { stateDir: dir },
  );
}, 30_000);
afterAll(async () => {
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('lab clock at a speed factor', () => {
  it('renews authorization on its own as virtual days pass', async () => {
    const device = lab.device('asa1');
    if (!device) throw new Error('no device');
    await sshExec(device, `license smart register idtoken ${lab.mintToken().token}`);
    const registeredAt = lab.clock.now();
    // 30 virtual days per real second.
    lab.setSpeed(30 * 86_400);
    let last: string | undefined;
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      last = lab.licenseView('asa1')?.authorization?.lastCommunicationAttempt?.at;
      if (last && Date.parse(last) > registeredAt + 29 * 86_400_000) break;
    }
    lab.setSpeed(0);
    expect(Date.parse(last ?? '')).toBeGreaterThan(registeredAt + 29 * 86_400_000);
    expect(lab.licenseView('asa1')?.authorization?.status).toBe('AUTHORIZED');
    expect(lab.status().speed).toBe(0);
  });
});
