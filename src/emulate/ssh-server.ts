// The SSH face of one emulated ASA (ssh2 Server): password and public-key login, an interactive
// shell with a pty and the exec channel, and the ASA's limit of 5 concurrent SSH sessions. It only
// moves bytes between the channel and a CliShell; everything the device says comes from the shell.

import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { AuthContext, Connection, ParsedKey, ServerChannel } from 'ssh2';
import ssh2 from 'ssh2';
import type { DeviceForCli } from './cli-context.ts';
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
}

const digest = (s: string | Buffer) => createHash('sha256').update(s).digest();

function parsePublicKeys(lines: string[]): ParsedKey[] {
  const keys: ParsedKey[] = [];
  for (const line of lines) {
    const parsed = utils.parseKey(line);
    if (parsed instanceof Error) continue;
    keys.push(Array.isArray(parsed) ? (parsed[0] as ParsedKey) : parsed);
  }
  return keys;
}

export class SshDeviceServer {
  private readonly server: InstanceType<typeof Server>;
  private readonly connections = new Set<Connection>();
  private readonly shells = new Set<CliShell>();
  private readonly authorized: ParsedKey[];
  private sessionCount = 0;
  port = 0;

  constructor(private readonly opts: SshDeviceServerOptions) {
    this.authorized = parsePublicKeys(opts.credentials.authorizedKeys);
    // The ident string a real ASA sends (`SSH-2.0-Cisco-1.25`): some clients branch on it.
    this.server = new Server({ hostKeys: [{ key: opts.hostKey.parsed }], ident: 'Cisco-1.25' }, (client) =>
      this.onConnection(client),
    );
    this.server.on('error', () => undefined);
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port ?? 0, this.opts.bindHost ?? '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  /** Drop every session (reload, shutdown) but keep listening. */
  dropSessions(): void {
    for (const shell of this.shells) shell.end();
    for (const c of this.connections) c.end();
  }

  async close(): Promise<void> {
    this.dropSessions();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
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

  private onConnection(client: Connection): void {
    this.connections.add(client);
    // A CLI answers in small writes (echo, prompt); Nagle would hold each one back ~40 ms.
    // (ssh2 has the method on server connections; @types/ssh2 only declares it for Client.)
    (client as Connection & { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    let counted = false;
    let refused = false;
    client.on('authentication', (ctx) => {
      if (this.checkAuth(ctx)) return ctx.accept();
      const methods: ('password' | 'publickey')[] = [];
      if (this.opts.credentials.password !== undefined) methods.push('password');
      if (this.authorized.length > 0) methods.push('publickey');
      ctx.reject(methods);
    });
    client.on('ready', () => {
      if (this.sessionCount >= (this.opts.maxSessions ?? ASA_MAX_SSH_SESSIONS)) refused = true;
      else {
        counted = true;
        this.sessionCount++;
      }
      client.on('session', (accept) => {
        const session = accept();
        session.on('pty', (ok) => ok?.());
        session.on('window-change', (ok) => ok?.());
        session.on('env', (ok) => ok?.());
        session.on('shell', (ok) => {
          const channel = ok();
          if (refused) return this.refuse(client, channel);
          // A shell channel is a terminal line with or without a pty (`ssh -T` too): echo, pager.
          this.startShell(client, channel);
        });
        session.on('exec', (ok, _reject, info) => {
          const channel = ok();
          if (refused) return this.refuse(client, channel);
          void this.runExec(channel, info.command);
        });
      });
    });
    const forget = () => {
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

  private startShell(client: Connection, channel: ServerChannel): void {
    channel.setEncoding('utf8');
    const shell = new CliShell(this.opts.device, writerFor(channel), {
      interactive: true,
      username: this.opts.credentials.username,
    });
    this.shells.add(shell);
    channel.on('data', (data: string) => shell.feed(data));
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
