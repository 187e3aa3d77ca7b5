// Collect one device over SSH: resolve its secrets, connect with host key verification, run the
// ASA dialog, and always return a DeviceCollection (errors become data, never exceptions).

import { readFile } from 'node:fs/promises';
import type { ConnectConfig } from 'ssh2';
import ssh2 from 'ssh2';
import { CollectError, classifyConnectError } from './errors.ts';
import { Expect, type ExpectLimits } from './expect.ts';
import { hostKeyCheck, hostKeyOrder } from './host-key-check.ts';
import type { InventoryDevice, SecretSource } from './inventory/model.ts';
import type { KnownHostsFile } from './known-hosts.ts';
import { Secret, scrubSecrets } from './secret.ts';
import { runAsaSession, type SessionOptions, type SessionResult } from './session.ts';
import type { CollectedOutput, DeviceCollection } from './types.ts';

const { Client } = ssh2;

export interface DeviceCollectOptions {
  knownHosts: KnownHostsFile;
  acceptNew: boolean;
  /** Whole-device budget (connect + dialog). */
  timeoutMs: number;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  promptIdleMs: number;
  /** Byte caps on what the device prints (per command, per session). */
  limits?: ExpectLimits;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  now: () => Date;
}

function resolveSecret(
  src: SecretSource | undefined,
  env: NodeJS.ProcessEnv,
  what: string,
): Secret | undefined {
  if (!src) return undefined;
  if (src.from === 'inline') return src.value;
  const v = env[src.name];
  if (v === undefined)
    throw new CollectError(
      'inventory',
      'SECRET_MISSING',
      `${what} environment variable ${src.name} is not set`,
    );
  return new Secret(v);
}

/** What a dialog gets besides the shell: where its outputs go, and how to scrub text of secrets. */
export interface DialogContext {
  /** Outputs pushed as they arrive; kept (scrubbed) in the collection even when the dialog fails. */
  outputs: CollectedOutput[];
  /** Replace the device's secrets in `text` (device text a dialog keeps in its own result). */
  scrub(text: string): string;
}

/** The ASA dialog run once the shell is open: the audit's (runAsaSession) or a fix's. */
export type SessionDialog<R extends SessionResult> = (
  ex: Expect,
  session: SessionOptions,
  ctx: DialogContext,
) => Promise<R>;

/** One attempt; throws CollectError (with `outputs` filled as far as it got). */
async function attempt<R extends SessionResult>(
  d: InventoryDevice,
  o: DeviceCollectOptions,
  ctx: DialogContext,
  secrets: Secret[],
  dialog: SessionDialog<R>,
  started: { dialog: boolean },
): Promise<R> {
  const where = `${d.host}:${d.port}`;
  const password = resolveSecret(d.password, o.env, 'password');
  const enablePassword = resolveSecret(d.enablePassword, o.env, 'enable password');
  const passphrase = resolveSecret(d.keyPassphrase, o.env, 'key passphrase');
  secrets.push(...[password, enablePassword, passphrase].filter((s): s is Secret => !!s));
  const username = d.username ?? o.env.USER;
  if (!username)
    throw new CollectError('inventory', 'USERNAME_MISSING', 'no username (set username or ansible_user)');
  let privateKey: Buffer | undefined;
  if (d.keyFile)
    privateKey = await readFile(d.keyFile).catch((e: NodeJS.ErrnoException) => {
      throw new CollectError('inventory', 'KEY_FILE', `cannot read key file ${d.keyFile} (${e.code})`);
    });

  const client = new Client();
  let isClosed = false;
  client.on('close', () => {
    isClosed = true;
  });
  const hostKey = hostKeyCheck(o.knownHosts, d.host, d.port, o.acceptNew);
  const serverHostKey = hostKeyOrder(o.knownHosts.keyTypes(d.host, d.port));
  const config: ConnectConfig = {
    host: d.host,
    port: d.port,
    username,
    password: password?.reveal(),
    privateKey,
    passphrase: passphrase?.reveal(),
    agent: !privateKey && !password ? o.env.SSH_AUTH_SOCK : undefined,
    tryKeyboard: !!password,
    readyTimeout: o.connectTimeoutMs,
    keepaliveInterval: 0,
    algorithms: serverHostKey ? { serverHostKey } : undefined,
    hostVerifier: (key: Buffer) => hostKey.verify(key),
  };
  client.on('keyboard-interactive', (_n, _i, _l, prompts, finish) =>
    finish(prompts.map(() => password?.reveal() ?? '')),
  );

  // Ctrl-C or the device budget: drop the socket now, even mid-handshake (end() would wait).
  const abort = () => client.destroy();
  if (o.signal?.aborted) throw new CollectError('read', 'ABORTED', 'stopped (interrupted)');
  o.signal?.addEventListener('abort', abort, { once: true });
  let finished = false;
  try {
    await new Promise<void>((resolve, reject) => {
      client.once('ready', () => {
        // Commands are tiny writes awaiting an answer: do not let Nagle delay them.
        client.setNoDelay(true);
        resolve();
      });
      client.on('error', (err) => reject(hostKey.error ?? classifyConnectError(err, where)));
      client.once('close', () =>
        reject(
          hostKey.error ?? new CollectError('connect', 'CONNECT_CLOSED', `${where} closed the connection`),
        ),
      );
      try {
        client.connect(config);
      } catch (e) {
        // ssh2 parses the private key synchronously: a wrong or missing passphrase lands here.
        const msg = (e as Error).message.split('\n')[0];
        reject(new CollectError('inventory', 'KEY_FILE', `cannot use key file ${d.keyFile}: ${msg}`));
      }
    });
    await hostKey.recorded;
    const channel = await new Promise<ssh2.ClientChannel>((resolve, reject) =>
      client.shell({ term: 'vt100', rows: 24, cols: 80 }, (err, ch) =>
        err
          ? reject(new CollectError('connect', 'SHELL_REFUSED', `no shell from ${where}: ${err.message}`))
          : resolve(ch),
      ),
    );
    const ex = new Expect(channel, o.limits);
    started.dialog = true;
    const result = await dialog(
      ex,
      {
        username,
        password,
        enablePassword,
        commandTimeoutMs: o.commandTimeoutMs,
        promptIdleMs: o.promptIdleMs,
      },
      ctx,
    );
    finished = true;
    return result;
  } finally {
    o.signal?.removeEventListener('abort', abort);
    // Wait (briefly) until the connection is really gone, so the concurrency bound holds on the
    // device side too (an ASA allows only 5 SSH sessions).
    const closed = new Promise<void>((r) => {
      if (isClosed) return r();
      client.once('close', () => r());
      setTimeout(r, 1000).unref();
    });
    // A device that failed the dialog (flooding, never prompting) is cut off at once: a polite
    // end() would go on receiving whatever it still sends.
    if (finished) client.end();
    else client.destroy();
    await closed;
  }
}

/** How a session is bounded and retried. */
export interface DeviceSessionOptions {
  /**
   * Cut the whole session at `timeoutMs` (the audit: read-only, nothing to lose). A fix bounds
   * each step itself (command timeouts, its verification deadline) and is never cut mid-change.
   */
  budget: boolean;
  /** Retry a transient connect error even after the dialog began (read-only dialogs only). */
  retryAfterDialog: boolean;
}

/** One device's session: the collection (outputs, context, error) and what the dialog returned. */
export interface DeviceSession<R> {
  collection: DeviceCollection;
  /** Undefined when the session failed (the collection's `error` says where and why). */
  result?: R;
}

/**
 * Open an SSH session to one device (secrets, host key verification, prompt, enable) and run
 * `dialog` in it, retrying once on a transient connect error. Never throws: an error becomes the
 * collection's `error`, with every secret scrubbed.
 */
export async function runDeviceSession<R extends SessionResult>(
  d: InventoryDevice,
  o: DeviceCollectOptions,
  dialog: SessionDialog<R>,
  how: DeviceSessionOptions,
): Promise<DeviceSession<R>> {
  const started = o.now();
  const t0 = performance.now();
  const outputs: CollectedOutput[] = [];
  const secrets: Secret[] = [];
  const ctx: DialogContext = { outputs, scrub: (text) => scrubSecrets(text, secrets) };
  const base = { device: d.name, source: { kind: 'ssh' as const, host: d.host, port: d.port } };
  let error: CollectError | undefined;
  let result: R | undefined;
  const began = { dialog: false };
  for (let tries = 0; tries < 2; tries++) {
    outputs.length = 0;
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<never>((_, reject) => {
      if (!how.budget) return;
      timer = setTimeout(
        () =>
          reject(
            new CollectError(
              'timeout',
              'DEVICE_TIMEOUT',
              `gave up after ${o.timeoutMs} ms (per-device timeout)`,
            ),
          ),
        o.timeoutMs,
      );
    });
    const aborted = new AbortController();
    // Without a budget the dialog decides when to stop: Ctrl-C must not cut a change in half.
    const signal = !how.budget
      ? aborted.signal
      : o.signal
        ? AbortSignal.any([o.signal, aborted.signal])
        : aborted.signal;
    began.dialog = false;
    try {
      const run = attempt(d, { ...o, signal }, ctx, secrets, dialog, began);
      result = await (how.budget ? Promise.race([run, budget]) : run);
      error = undefined;
      break;
    } catch (e) {
      error = e instanceof CollectError ? e : classifyConnectError(e, `${d.host}:${d.port}`);
      if (o.signal?.aborted && (how.budget || !began.dialog))
        error = new CollectError('read', 'ABORTED', 'stopped (interrupted)');
    } finally {
      clearTimeout(timer);
      aborted.abort(); // closes the SSH client if the budget ran out first
    }
    if (!error.transient || o.signal?.aborted || (began.dialog && !how.retryAfterDialog)) break;
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
  }
  const clean = outputs.map((x) => ({ command: x.command, text: scrubSecrets(x.text, secrets) }));
  const collection: DeviceCollection = {
    ...base,
    ok: !error,
    ...(error
      ? { error: { phase: error.phase, code: error.code, message: scrubSecrets(error.message, secrets) } }
      : {}),
    outputs: clean,
    ...(result?.context ? { context: result.context } : {}),
    ...(result?.failover ? { failover: result.failover } : {}),
    collectedAt: started.toISOString(),
    durationMs: Math.round(performance.now() - t0),
  };
  return { collection, ...(result === undefined ? {} : { result }) };
}

/** Collect one device (the audit's read-only dialog), retrying once on a transient connect error. Never throws. */
export async function collectDevice(d: InventoryDevice, o: DeviceCollectOptions): Promise<DeviceCollection> {
  const session = await runDeviceSession(d, o, (ex, so, ctx) => runAsaSession(ex, so, ctx.outputs), {
    budget: true,
    retryAfterDialog: true,
  });
  return session.collection;
}
