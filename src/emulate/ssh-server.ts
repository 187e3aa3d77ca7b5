// The SSH face of one emulated ASA (ssh2 Server): password and public-key login, an interactive
// shell with a pty and the exec channel, and the ASA's limit of 5 concurrent SSH sessions. It only
// moves bytes between the channel and a CliShell; everything the device says comes from the shell.
//
// Logins behave like a device's, not like an open door: a connection is dropped after 3 failed
// passwords (each answered after a pause), must finish logging in within a grace time, and is
// dropped after the ASA's `ssh timeout` without input; a session is counted when it opens a shell
// or runs a command, so connections that only authenticate take no session slot; only a few
// connections may be logging in at once. What is the ASA's and what is ours: SshLimits below.

import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type AddressInfo,
  createServer as createNetServer,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import type { AuthContext, Connection, ParsedKey, ServerChannel } from 'ssh2';
import ssh2 from 'ssh2';
import { MINUTE } from '../core/time.ts';
import type { DeviceForCli } from './cli-context.ts';
import { SSH_TIMEOUT_MINUTES } from './device-spec.ts';
import type { HostKey } from './host-key.ts';
import { CliShell } from './shell.ts';

const { Server, utils } = ssh2;

/** The ASA accepts at most this many concurrent SSH sessions (per context). */
export const ASA_MAX_SSH_SESSIONS = 5;

/**
 * What a client over the limit is told before the connection closes. The ASA's exact wording is
 * not in our sources; this line says what happened and is marked here as our own.
 */
export const SESSION_LIMIT_MESSAGE = `ERROR: Maximum number of SSH sessions (${ASA_MAX_SSH_SESSIONS}) reached; connection refused.`;

/** How logins and idle connections are treated. */
export interface SshLimits {
  /**
   * Failed passwords (or signed keys) before the connection is dropped. Assumed: 3, what IOS's
   * `ip ssh authentication-retries` defaults to; the ASA's number is not in our sources.
   */
  maxAuthTries: number;
  /**
   * From connecting to a completed login. Assumed: 120 s, IOS's `ip ssh time-out` default (and
   * OpenSSH's LoginGraceTime); the ASA's is not in our sources.
   */
  loginGraceMs: number;
  /**
   * No input for this long ends a logged-in connection, with or without a channel: the ASA's
   * `ssh timeout` (device-spec.ts SSH_TIMEOUT_MINUTES). The lab file sets it per device (`sshTimeout`).
   */
  idleTimeoutMs: number;
  /**
   * The pause before a failed login is answered. Ours: 300 ms, which with 3 tries a connection and
   * `maxLoggingIn` connections caps guessing near 30 passwords a second per device.
   */
  authFailureDelayMs: number;
  /** Connections logging in at the same time; more are closed at once. Ours: 10. */
  maxLoggingIn: number;
}

const ASA_SSH_LIMITS: SshLimits = {
  maxAuthTries: 3,
  loginGraceMs: 120_000,
  idleTimeoutMs: SSH_TIMEOUT_MINUTES.default * MINUTE,
  authFailureDelayMs: 300,
  maxLoggingIn: 10,
};

export interface SshCredentials {
  username: string;
  password?: string;
  /** OpenSSH public key lines. */
  authorizedKeys: string[];
}

export interface SshDeviceServerOptions {
  device: DeviceForCli;
  hostKey: HostKey;
  credentials: SshCredentials;
  bindHost?: string;
  port?: number;
  maxSessions?: number;
  limits?: Partial<SshLimits>;
}

const digest = (s: string | Buffer) => createHash('sha256').update(s).digest();

/** RFC 4253 disconnect reason: no more authentication methods available. */
const NO_MORE_AUTH_METHODS = 14;

function parsePublicKeys(lines: string[]): ParsedKey[] {
  const keys: ParsedKey[] = [];
  for (const line of lines) {
    const parsed = utils.parseKey(line);
    if (parsed instanceof Error) continue;
    keys.push(Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed);
  }
  return keys;
}

/**
 * Close `client` with an SSH disconnect `reason` (ssh2 only sends its own "by application" from
 * `end()`; its protocol object sends any reason, as OpenSSH's sshd does after too many failures).
 */
function disconnect(client: Connection, reason: number): void {
  const inner = client as unknown as {
    _protocol?: { disconnect(reason: number): void };
    _sock?: { end(): void; destroyed?: boolean };
  };
  if (inner._protocol && inner._sock && !inner._sock.destroyed) {
    try {
      inner._protocol.disconnect(reason);
      inner._sock.end();
      return;
    } catch {
      // fall through to the plain end
    }
  }
  client.end();
}

/** A TCP connection that has not logged in yet: its grace timer. */
interface LoggingIn {
  socket: Socket;
  timer: NodeJS.Timeout;
}

export class SshDeviceServer {
  private readonly server: InstanceType<typeof Server>;
  /** Accepts TCP and hands sockets to ssh2, so the login grace covers the SSH handshake too. */
  private readonly tcp: NetServer;
  private readonly loggingIn = new Map<string, LoggingIn>();
  private readonly connections = new Set<Connection>();
  private readonly shells = new Set<CliShell>();
  private readonly authorized: ParsedKey[];
  private readonly limits: SshLimits;
  private sessionCount = 0;
  port = 0;

  constructor(private readonly opts: SshDeviceServerOptions) {
    this.authorized = parsePublicKeys(opts.credentials.authorizedKeys);
    this.limits = { ...ASA_SSH_LIMITS, ...opts.limits };
    // The ident string a real ASA sends (`SSH-2.0-Cisco-1.25`): some clients branch on it.
    const device = opts.device;
    this.server = new Server(
      {
        hostKeys: [{ key: opts.hostKey.parsed }],
        ident: 'Cisco-1.25',
        // `banner login` goes out as the SSH login banner, before the password is asked: read at
        // each connection (ssh2 reads its config per client), so a banner configured now shows on
        // the next login. [assumed: that an ASA sends it this way over SSH is not in our sources]
        get banner(): string | undefined {
          const lines = device.banner('login');
          return lines.length > 0 ? lines.join('\r\n') : undefined;
        },
      },
      (client, info) => this.onConnection(client, `${info.ip}|${info.port}`),
    );
    this.server.on('error', () => undefined);
    this.tcp = createNetServer((socket) => this.accept(socket));
    this.tcp.on('error', () => undefined);
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.tcp.once('error', reject);
      this.tcp.listen(this.opts.port ?? 0, this.opts.bindHost ?? '127.0.0.1', () => {
        this.tcp.off('error', reject);
        resolve();
      });
    });
    this.port = (this.tcp.address() as AddressInfo).port;
    return this.port;
  }

  /** A new TCP connection: refused when too many are logging in, else timed until it logs in. */
  private accept(socket: Socket): void {
    socket.on('error', () => undefined);
    if (this.loggingIn.size >= this.limits.maxLoggingIn) {
      socket.destroy();
      return;
    }
    const key = `${socket.remoteAddress}|${socket.remotePort}`;
    const timer = setTimeout(() => socket.destroy(), this.limits.loginGraceMs);
    timer.unref();
    this.loggingIn.set(key, { socket, timer });
    socket.once('close', () => this.loggedIn(key));
    this.server.injectSocket(socket);
  }

  /** The connection `key` logged in or went away: its grace timer and its place in the count go. */
  private loggedIn(key: string): void {
    const entry = this.loggingIn.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.loggingIn.delete(key);
  }

  /** Sessions in use (a connection counts once it opened a shell or ran a command). */
  get sessions(): number {
    return this.sessionCount;
  }

  /** Drop every session (reload, shutdown) but keep listening. */
  dropSessions(): void {
    for (const shell of this.shells) shell.end();
    for (const c of this.connections) c.end();
  }

  async close(): Promise<void> {
    this.dropSessions();
    for (const { socket } of this.loggingIn.values()) socket.destroy();
    await new Promise<void>((resolve) => this.tcp.close(() => resolve()));
  }

  private checkAuth(ctx: AuthContext): boolean {
    const { username, password } = this.opts.credentials;
    if (ctx.username !== username) return false;
    if (ctx.method === 'password') {
      return password !== undefined && timingSafeEqual(digest(ctx.password), digest(password));
    }
    if (ctx.method === 'publickey') {
      const key = this.authorized.find(
        (k) => k.type === ctx.key.algo && timingSafeEqual(digest(k.getPublicSSH()), digest(ctx.key.data)),
      );
      if (!key) return false;
      // Without a signature the client only asks whether the key would do.
      if (!ctx.signature || !ctx.blob) return true;
      return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true;
    }
    return false;
  }

  private onConnection(client: Connection, key: string): void {
    const limits = this.limits;
    this.connections.add(client);
    // A CLI answers in small writes (echo, prompt); Nagle would hold each one back ~40 ms.
    // (ssh2 has the method on server connections; @types/ssh2 only declares it for Client.)
    (client as Connection & { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    let counted = false;
    let refused = false;
    let failures = 0;
    // Until it logs in, the grace timer set in accept() runs; then the idle timeout, re-armed by
    // every byte the client types.
    let timer: NodeJS.Timeout | undefined;
    const active = () => {
      clearTimeout(timer);
      timer = setTimeout(() => client.end(), limits.idleTimeoutMs);
      timer.unref();
    };
    const countSession = (): boolean => {
      if (counted) return true;
      if (this.sessionCount >= (this.opts.maxSessions ?? ASA_MAX_SSH_SESSIONS)) return false;
      counted = true;
      this.sessionCount++;
      return true;
    };
    client.on('authentication', (ctx) => {
      if (this.checkAuth(ctx)) return ctx.accept();
      const methods: ('password' | 'publickey')[] = [];
      if (this.opts.credentials.password !== undefined) methods.push('password');
      if (this.authorized.length > 0) methods.push('publickey');
      // Asking which methods exist, or whether a key would do, is not a failed login.
      const attempt =
        ctx.method === 'password' || (ctx.method === 'publickey' && ctx.signature !== undefined);
      if (!attempt) return ctx.reject(methods);
      failures++;
      const answer = setTimeout(() => {
        if (failures >= limits.maxAuthTries) disconnect(client, NO_MORE_AUTH_METHODS);
        else ctx.reject(methods);
      }, limits.authFailureDelayMs);
      answer.unref();
    });
    client.on('ready', () => {
      this.loggedIn(key);
      active();
      client.on('session', (accept) => {
        active();
        const session = accept();
        session.on('pty', (ok) => ok?.());
        session.on('window-change', (ok) => ok?.());
        session.on('env', (ok) => ok?.());
        session.on('shell', (ok) => {
          const channel = ok();
          if (refused || !countSession()) {
            refused = true;
            return this.refuse(client, channel);
          }
          // A shell channel is a terminal line with or without a pty (`ssh -T` too): echo, pager.
          this.startShell(client, channel, active);
        });
        session.on('exec', (ok, _reject, info) => {
          const channel = ok();
          if (refused || !countSession()) {
            refused = true;
            return this.refuse(client, channel);
          }
          void this.runExec(channel, info.command);
        });
      });
    });
    const forget = () => {
      clearTimeout(timer);
      this.loggedIn(key);
      if (!this.connections.delete(client)) return;
      if (counted) this.sessionCount--;
    };
    client.on('close', forget);
    client.on('error', forget);
  }

  private refuse(client: Connection, channel: ServerChannel): void {
    channel.write(`${SESSION_LIMIT_MESSAGE}\r\n`);
    finishChannel(channel, 1, client);
  }

  private startShell(client: Connection, channel: ServerChannel, active: () => void): void {
    channel.setEncoding('utf8');
    const shell = new CliShell(this.opts.device, writerFor(channel), {
      interactive: true,
      username: this.opts.credentials.username,
      // Type-ahead nobody reads yet: stop reading the channel, so SSH flow control holds the client.
      onInputBacklog: (full) => (full ? channel.pause() : channel.resume()),
    });
    this.shells.add(shell);
    channel.on('data', (data: string) => {
      active();
      shell.feed(data);
    });
    channel.on('close', () => shell.end());
    void shell.run(() => {
      this.shells.delete(shell);
      finishChannel(channel, 0, client);
    });
  }

  /** `ssh host 'show version'`: one command, privileged, no pager; exit status 0 or 1. */
  private async runExec(channel: ServerChannel, command: string): Promise<void> {
    const shell = new CliShell(this.opts.device, writerFor(channel), {
      interactive: false,
      privileged: true,
      username: this.opts.credentials.username,
    });
    let ok = true;
    for (const line of command.split(/\r?\n/)) {
      if (shell.closed) break;
      ok = (await shell.execute(line, 0)) && ok;
    }
    finishChannel(channel, ok ? 0 : 1);
  }
}

/** Writes that stop quietly once the channel is ended (a reload may close it mid-command). */
function writerFor(channel: ServerChannel): (text: string) => void {
  return (text) => {
    if (!channel.writableEnded && !channel.destroyed) channel.write(text);
  };
}

/**
 * End a channel after its buffered output went out: the empty write's callback runs once every
 * earlier write was handed to the protocol. Then the exit status, then EOF (OpenSSH reports 255
 * when the order is reversed), and only when the channel closed, the connection (a disconnect sent
 * earlier would drop output still queued).
 */
function finishChannel(channel: ServerChannel, code: number, client?: Connection): void {
  if (client) channel.once('close', () => client.end());
  // ssh2 emits a server channel's 'close' only after its readable side ended: keep it flowing.
  channel.resume();
  if (channel.writableEnded || channel.destroyed) {
    client?.end();
    return;
  }
  channel.write('', () => {
    try {
      channel.exit(code);
      channel.end();
    } catch {
      client?.end(); // the client already went away
    }
  });
}
