// A lab that cannot start says why in one line and leaves nothing running.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { startLab } from '../../src/lab/lab.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-start-'));
let busy: Server;
let port = 0;
beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  port = (busy.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((r) => busy.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('startLab errors', () => {
  it('a device whose SSH port is taken: InputError naming the device and port', async () => {
    const error = await startLab(
      { devices: [{ name: 'asa1', port, password: 'pw-123456' }] },
      { stateDir: dir },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).oneLine()).toBe(
      `asa1: SSH port ${port} is already in use (pick another port or 0)`,
    );
  });

  it('a hosts entry that is not loopback is refused', async () => {
    await expect(
      startLab({ devices: [], hosts: { 'proxy.example': '10.0.0.1:3128' } }, { stateDir: join(dir, 'h') }),
    ).rejects.toThrow(/expected 127\.x\.x\.x:PORT or gateway/);
  });
});
