// State survives kill -9: a child process hammers the authority's SQLite file, is killed mid-load,
// and the reopened database is consistent (pool counts = what live registrations hold; token uses
// spent = registrations made).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAuthorityDb } from '../../src/authority/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runUntilProgress(dbPath: string, minProgress: number): Promise<number> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures/load-child.ts'), dbPath],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let seen = 0;
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.stdout.on('data', (d: Buffer) => {
      for (const m of d.toString().matchAll(/progress (\d+)/g)) seen = Math.max(seen, Number(m[1]));
      if (seen >= minProgress && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(seen);
      else reject(new Error(`child ended on its own (code ${code}): ${stderr}`));
    });
  });
}

describe('authority store under kill -9', () => {
  it('reopens consistent after the process is killed mid-load', async () => {
    const dbPath = join(dir, 'authority.db');
    const progressed = await runUntilProgress(dbPath, 300);
    expect(progressed).toBeGreaterThanOrEqual(300);

    const db = openAuthorityDb(dbPath);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const pool = db.prepare('SELECT total, in_use FROM pools WHERE tag = ?').get('ASAv-STD-1G') as {
        total: number;
        in_use: number;
      };
      const held = db
        .prepare(
          'SELECT coalesce(sum(h.count), 0) AS n FROM holdings h JOIN registrations r USING (cert_id) WHERE r.revoked_at IS NULL AND h.tag = ?',
        )
        .get('ASAv-STD-1G') as { n: number };
      const orphan = db
        .prepare(
          'SELECT count(*) AS n FROM holdings h JOIN registrations r USING (cert_id) WHERE r.revoked_at IS NOT NULL',
        )
        .get() as { n: number };
      const token = db.prepare('SELECT uses_total - uses_left AS spent FROM tokens').get() as {
        spent: number;
      };
      const regs = db.prepare('SELECT count(*) AS n FROM registrations').get() as { n: number };
      expect(pool.in_use).toBe(held.n);
      expect(pool.in_use).toBeLessThanOrEqual(pool.total);
      expect(orphan.n).toBe(0);
      expect(token.spent).toBe(regs.n);
      expect(regs.n).toBeGreaterThan(progressed);
    } finally {
      db.close();
    }
  });
});
