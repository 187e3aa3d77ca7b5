// The lab's control API: JSON over HTTP on 127.0.0.1, every request authenticated with the bearer
// token the lab writes (mode 0600) to `<stateDir>/control.json` beside its port. `smartlic lab
// status|clock|block|unblock|reload|token|down` are thin clients of it (docs/lab-api.md).

import { timingSafeEqual } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createAdaptorServer } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { closeServer, listenServer, SLOW_CLIENT_LIMITS } from '../listen.ts';
import { randomSecret } from '../random-secret.ts';
import { writeFileAtomicSync } from '../write-atomic.ts';
import { isLabTime, LAB_TIME_RANGE, parseDuration, parseTokenValidity } from './clock.ts';
import type { LAB_CONTROL_ERRORS, LabControlErrorCode } from './control-errors.ts';
import type { Lab } from './lab.ts';

/** What `lab up` leaves in the state folder for the CLI. */
export interface ControlFile {
  url: string;
  port: number;
  pid: number;
  token: string;
}

export const CONTROL_FILE = 'control.json';

/** The largest request body the API reads (its bodies are a few hundred bytes). */
const CONTROL_MAX_BODY_BYTES = 64 * 1024;

const clockBody = z.strictObject({
  set: z
    .string()
    .max(64)
    .refine((s) => isLabTime(Date.parse(s)), `expected an ISO-8601 time from ${LAB_TIME_RANGE}`)
    .optional(),
  advance: z
    .string()
    .max(64)
    .refine((s) => parseDuration(s) !== undefined, 'expected a duration like 30d, 12h, 90m')
    .optional(),
  speed: z.number().min(0).max(1_000_000).optional(),
});
const blockBody = z.strictObject({
  target: z.string().min(1).max(300),
  device: z.string().min(1).optional(),
  mode: z.enum(['drop', 'reject']).optional(),
});
const unblockBody = z.strictObject({
  target: z.string().min(1).max(300),
  device: z.string().min(1).optional(),
});
const tokenBody = z.strictObject({
  virtualAccount: z.string().min(1).optional(),
  uses: z.number().int().min(1).max(1_000_000).optional(),
  expires: z
    .string()
    .max(64)
    .refine((s) => parseTokenValidity(s) !== undefined, 'expected a duration up to 365d, like 30d')
    .optional(),
  description: z.string().max(200).optional(),
});

function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const fail = <C extends LabControlErrorCode>(
  c: Context,
  status: (typeof LAB_CONTROL_ERRORS)[C],
  code: C,
  message: string,
) => c.json({ error: { code, message } }, status);

async function body<T>(
  c: Context,
  schema: z.ZodType<T>,
): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  let json: unknown;
  try {
    const text = await c.req.text();
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    return { ok: false, message: 'body is not JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'invalid'}` };
}

/** The control API as a hono app. `onShutdown` is called after answering `POST /v1/shutdown`. */
export function createControlApp(lab: Lab, token: string, onShutdown: () => void): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!sameToken(presented, token)) {
      c.header('www-authenticate', 'Bearer realm="smartlic-lab"');
      return fail(
        c,
        401,
        'UNAUTHORIZED',
        'missing or wrong bearer token (see control.json in the lab state folder)',
      );
    }
    await next();
  });
  app.use(
    '*',
    bodyLimit({
      maxSize: CONTROL_MAX_BODY_BYTES,
      onError: (c) => {
        // The rest of the body is never read: the connection cannot be reused.
        c.header('connection', 'close');
        return fail(c, 413, 'BODY_TOO_LARGE', `request body exceeds ${CONTROL_MAX_BODY_BYTES} bytes`);
      },
    }),
  );

  app.get('/v1/status', (c) => c.json(lab.status()));

  app.post('/v1/clock', async (c) => {
    const b = await body(c, clockBody);
    if (!b.ok) return fail(c, 400, 'BAD_REQUEST', b.message);
    const { set, advance, speed } = b.value;
    if (set !== undefined && advance !== undefined)
      return fail(c, 400, 'BAD_REQUEST', 'give set or advance, not both');
    if (advance !== undefined && !isLabTime(lab.clock.now() + (parseDuration(advance) as number)))
      return fail(c, 400, 'BAD_REQUEST', `advance: the lab clock runs from ${LAB_TIME_RANGE}`);
    const started = performance.now();
    let report: Awaited<ReturnType<Lab['advance']>> | undefined;
    if (set !== undefined) report = await lab.setClock(Date.parse(set));
    if (advance !== undefined) report = await lab.advance(parseDuration(advance) as number);
    if (speed !== undefined) lab.setSpeed(speed);
    return c.json({
      now: new Date(lab.clock.now()).toISOString(),
      speed: lab.clock.speed,
      ...(report
        ? { steps: report.steps, stalled: report.stalled, ms: Math.round(performance.now() - started) }
        : {}),
    });
  });

  app.post('/v1/network/block', async (c) => {
    const b = await body(c, blockBody);
    if (!b.ok) return fail(c, 400, 'BAD_REQUEST', b.message);
    if (b.value.device !== undefined && !lab.device(b.value.device))
      return fail(c, 404, 'NO_DEVICE', `no device named ${b.value.device}`);
    try {
      return c.json({ rule: lab.policy.block(b.value.target, b.value.mode ?? 'drop', b.value.device) });
    } catch (error) {
      return fail(c, 400, 'BAD_TARGET', (error as Error).message);
    }
  });

  app.post('/v1/network/unblock', async (c) => {
    const b = await body(c, unblockBody);
    if (!b.ok) return fail(c, 400, 'BAD_REQUEST', b.message);
    if (b.value.device !== undefined && !lab.device(b.value.device))
      return fail(c, 404, 'NO_DEVICE', `no device named ${b.value.device}`);
    try {
      return c.json({ removed: lab.policy.unblock(b.value.target, b.value.device) });
    } catch (error) {
      return fail(c, 400, 'BAD_TARGET', (error as Error).message);
    }
  });

  app.post('/v1/devices/:name/reload', async (c) => {
    const name = c.req.param('name');
    if (!lab.device(name)) return fail(c, 404, 'NO_DEVICE', `no device named ${name}`);
    await lab.reload(name);
    return c.json({ reloaded: name, now: new Date(lab.clock.now()).toISOString() });
  });

  app.post('/v1/devices/:name/failover', async (c) => {
    const name = c.req.param('name');
    const device = lab.device(name);
    if (!device) return fail(c, 404, 'NO_DEVICE', `no device named ${name}`);
    if (!device.failover)
      return fail(c, 400, 'NOT_FAILOVER_UNIT', `${name} is not a unit of a failover pair`);
    const units = await lab.failover(name);
    return c.json({ ...units, now: new Date(lab.clock.now()).toISOString() });
  });

  app.get('/v1/devices/:name/license', (c) => {
    const view = lab.licenseView(c.req.param('name'));
    return view ? c.json(view) : fail(c, 404, 'NO_DEVICE', `no device named ${c.req.param('name')}`);
  });

  app.post('/v1/tokens', async (c) => {
    const b = await body(c, tokenBody);
    if (!b.ok) return fail(c, 400, 'BAD_REQUEST', b.message);
    const { virtualAccount, uses, expires, description } = b.value;
    const minted = lab.mintToken({
      ...(virtualAccount ? { virtualAccount } : {}),
      ...(uses ? { uses } : {}),
      ...(expires ? { validForMs: parseTokenValidity(expires) as number } : {}),
      ...(description ? { description } : {}),
    });
    return c.json({ ...minted, expiresAt: new Date(minted.expiresAt).toISOString() });
  });

  app.post('/v1/shutdown', (c) => {
    setImmediate(onShutdown);
    return c.json({ stopping: true });
  });

  app.notFound((c) => fail(c, 404, 'NOT_FOUND', `no such endpoint: ${c.req.method} ${c.req.path}`));
  app.onError((error, c) =>
    c.json({ error: { code: 'INTERNAL' satisfies LabControlErrorCode, message: error.message } }, 500),
  );
  return app;
}

export interface RunningControl {
  url: string;
  port: number;
  token: string;
  file: string;
  close(): Promise<void>;
}

/**
 * Serve the control API on 127.0.0.1 and write `control.json` (url, port, pid, token; mode 0600)
 * to the state folder. `close()` stops it and removes the file.
 */
export async function startControlApi(
  lab: Lab,
  opts: { stateDir: string; port?: number; onShutdown: () => void },
): Promise<RunningControl> {
  const token = randomSecret(32);
  const app = createControlApp(lab, token, opts.onShutdown);
  const server = createAdaptorServer({
    fetch: app.fetch,
    createServer: createHttpServer,
    serverOptions: SLOW_CLIENT_LIMITS,
  }) as Server;
  const port = await listenServer(server as never, '127.0.0.1', opts.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  mkdirSync(opts.stateDir, { recursive: true, mode: 0o700 });
  const file = join(opts.stateDir, CONTROL_FILE);
  const content: ControlFile = { url, port, pid: process.pid, token };
  writeFileAtomicSync(file, `${JSON.stringify(content, null, 2)}\n`, 0o600);
  return {
    url,
    port,
    token,
    file,
    close: async () => {
      rmSync(file, { force: true });
      await closeServer(server as never);
    },
  };
}
