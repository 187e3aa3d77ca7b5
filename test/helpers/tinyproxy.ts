// Starts a real Debian tinyproxy on a free loopback port, with its own temp config and log file.
// Tests (transport, probe, lab) use it to prove that traffic really goes through an HTTP CONNECT
// proxy: the proxy's own log shows `CONNECT host:port`. Tinyproxy must never resolve real names,
// so tests either CONNECT to loopback literals or give `upstream` (a CONNECT gateway of their own
// on loopback that maps names to local servers).

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian installs it (scripts/install-system-deps.sh). */
export const TINYPROXY_BIN = '/usr/bin/tinyproxy';

export interface TinyproxyOptions {
  /** Forward every request to this HTTP proxy on loopback (tinyproxy's `Upstream http host:port`). */
  upstream?: { host: string; port: number };
  /** Host names (extended regexes) tinyproxy refuses with `403 Filtered`. */
  filter?: string[];
  /** Ports CONNECT may reach; anything else gets `403 Access violation`. Default: any port. */
  connectPorts?: number[];
  /** Require `Proxy-Authorization` basic credentials (missing/wrong: `407`). */
  basicAuth?: { user: string; password: string };
  /** Seconds tinyproxy waits on an idle connection (default 30). */
  timeoutSeconds?: number;
}

export interface RunningTinyproxy {
  port: number;
  logPath: string;
  /** The whole log so far. */
  log(): string;
  stop(): Promise<void>;
}

/** Why tinyproxy cannot run here, or undefined when it can. */
export function tinyproxyMissingReason(): string | undefined {
  const probe = spawnSync(TINYPROXY_BIN, ['-v'], { encoding: 'utf8' });
  if (probe.error)
    return `${TINYPROXY_BIN} not runnable (${probe.error.message}); run scripts/install-system-deps.sh`;
  return undefined;
}

/** A loopback port free at the moment of asking (a server may still take it before we bind). */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function configText(port: number, logPath: string, dir: string, opts: TinyproxyOptions): string {
  const lines = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'BindSame yes',
    `Timeout ${opts.timeoutSeconds ?? 30}`,
    `LogFile "${logPath}"`,
    'LogLevel Info',
    'MaxClients 100',
    'Allow 127.0.0.1',
    'DisableViaHeader yes',
  ];
  if (opts.upstream) lines.push(`Upstream http ${opts.upstream.host}:${opts.upstream.port}`);
  // Without any ConnectPort line tinyproxy allows CONNECT to every port.
  for (const p of opts.connectPorts ?? []) lines.push(`ConnectPort ${p}`);
  if (opts.filter && opts.filter.length > 0) {
    const filterPath = join(dir, 'filter');
    writeFileSync(filterPath, `${opts.filter.join('\n')}\n`);
    lines.push(`Filter "${filterPath}"`, 'FilterType ere');
  }
  if (opts.basicAuth) lines.push(`BasicAuth ${opts.basicAuth.user} ${opts.basicAuth.password}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Start tinyproxy in the foreground (`-d`) on a free 127.0.0.1 port; resolves once it accepts
 * connections. Call `stop()` in afterAll: it kills this process only and removes the temp folder.
 */
export async function startTinyproxy(opts: TinyproxyOptions = {}): Promise<RunningTinyproxy> {
  const missing = tinyproxyMissingReason();
  if (missing) throw new Error(missing);
  const dir = mkdtempSync(join(tmpdir(), 'smartlic-tinyproxy-'));
  const logPath = join(dir, 'tinyproxy.log');
  writeFileSync(logPath, '');
  let lastError = '';
  // The free port can be taken between our check and tinyproxy's bind: try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freeLoopbackPort();
    const configPath = join(dir, 'tinyproxy.conf');
    writeFileSync(configPath, configText(port, logPath, dir, opts));
    const child = spawn(TINYPROXY_BIN, ['-d', '-c', configPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    let exited = false;
    const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    void exitedPromise.then(() => {
      exited = true;
    });
    for (let i = 0; i < 100 && !exited; i++) {
      if (await canConnect(port)) {
        return {
          port,
          logPath,
          log: () => readFileSync(logPath, 'utf8'),
          stop: async () => {
            if (!exited) {
              child.kill('SIGTERM');
              const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
              await exitedPromise;
              clearTimeout(timer);
            }
            rmSync(dir, { recursive: true, force: true });
          },
        };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!exited) child.kill('SIGKILL');
    await exitedPromise;
    lastError = `${stderr.trim()} ${readFileSync(logPath, 'utf8').split('\n').slice(-5).join(' ')}`;
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`tinyproxy did not start on loopback: ${lastError}`);
}

/**
 * For `describe.skipIf(!tinyproxyUsable())`: true when tinyproxy runs here. When it is missing,
 * throws under CI=true (a missing real client must fail CI) and otherwise prints why it skips.
 */
export function tinyproxyUsable(): boolean {
  const missing = tinyproxyMissingReason();
  if (!missing) return true;
  if (process.env.CI === 'true') throw new Error(`CI needs tinyproxy: ${missing}`);
  console.warn(`skipping tinyproxy tests: ${missing}`);
  return false;
}
