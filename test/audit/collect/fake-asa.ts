// A small ssh2 server that behaves like an ASA's CLI as far as the collector cares (prompts,
// enable, pager, multi-context, failover prompts) or, on request, like something that is not an
// ASA. It serves the real corpus outputs. Used until / beside the emulator (src/emulate).

import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import { type InventoryDevice, Secret } from '../../../src/audit/collect/index.ts';
import { generateHostKeyText } from '../../../src/emulate/host-key.ts';
import { CORPUS_DIR } from '../inputs.ts';

const { Server, utils } = ssh2;
// The real outputs in test/fixtures/corpus.
const CORPUS = CORPUS_DIR;
const corpus = (name: string) => readFileSync(`${CORPUS}/${name}`, 'utf8').replace(/\r?\n/g, '\r\n');

export interface FakeAsaSpec {
  hostname?: string;
  username?: string;
  password?: string;
  /** undefined: `enable` asks Password: and accepts an empty line. */
  enablePassword?: string;
  /** Segments after the hostname in the prompt, e.g. '/pri/act' or '/admin'. */
  promptSuffix?: string;
  /** Land at `#` directly (aaa authorization exec auto-enable). */
  autoEnable?: boolean;
  /** Page output every N lines until `terminal pager 0` (ASA default 24). */
  pagerLines?: number;
  /** Multi-context: the user context the session lands in; `changeto system` allowed? */
  context?: { name: string; canChangeToSystem: boolean };
  /** Print a non-ASA prompt and ignore input. */
  foreignPrompt?: string;
  /** Ask Username:/Password: inside the shell (the `login` flow). */
  shellLogin?: boolean;
  /** Reject `show license all` as an older agent would. */
  noLicenseAll?: boolean;
  hostKey?: Buffer;
  /** Accept ASA's `login` command (local user, privilege 15). */
  loginCommand?: boolean;
  /** Listen on this port (default: any free one). */
  port?: number;
  /** Never answer this command (a hung CLI). */
  hangOn?: string;
  /** Print nothing until the first keystroke. */
  quietUntilKey?: boolean;
  /** Never print a prompt: a banner, then silence whatever is typed. */
  neverPrompt?: boolean;
  /** Answer this command with output that never ends (written as fast as the client reads). */
  floodOn?: string;
  /** Replace a command's output (e.g. `show license all` with dates of another year). */
  outputs?: Record<string, string>;
}

export interface FakeAsa {
  port: number;
  hostKey: Buffer;
  /** The host key's public blob, as the client sees it. */
  publicKey: Buffer;
  commands: string[];
  /** Most SSH connections open at the same time. */
  maxConcurrent: () => number;
  close(): Promise<void>;
}

/** An inventory entry for a fake ASA on loopback (user admin, password pw, as the fake expects). */
export const fakeDevice = (
  name: string,
  port: number,
  extra: Partial<InventoryDevice> = {},
): InventoryDevice => ({
  name,
  host: '127.0.0.1',
  port,
  username: 'admin',
  password: { from: 'inline', value: new Secret('pw') },
  tags: [],
  origin: { file: 'test' },
  ...extra,
});

/** A fresh host key, drawn the way the emulator draws its own (ssh2 can parse it). */
export function newHostKey(): Buffer {
  return Buffer.from(generateHostKeyText());
}

const INVALID = (cmd: string) =>
  `${cmd}\r\n${' '.repeat(0)}^\r\nERROR: % Invalid input detected at '^' marker.\r\n`;

function outputFor(cmd: string, spec: FakeAsaSpec, inSystem: boolean): string | undefined {
  const own = spec.outputs?.[cmd];
  if (own !== undefined) return own.replace(/\r?\n/g, '\r\n');
  const ctx = spec.context ? ` <${inSystem ? 'system' : spec.context.name}>` : '';
  switch (cmd) {
    case 'show version':
      return corpus('show-version__ntc-templates__4.txt').replace(/(Software Version \S+)/, `$1${ctx}`);
    case 'show license all':
      return spec.noLicenseAll ? INVALID(cmd) : corpus('show-license-all__ntc-templates__1.txt');
    case 'show license status':
      return 'Smart Licensing is ENABLED\r\n\r\nTransport:\r\n  Type: Callhome\r\n';
    case 'show license summary':
      return 'Smart Licensing is ENABLED\r\n\r\nRegistration:\r\n  Status: REGISTERED\r\n';
    case 'show running-config license':
      return 'license smart\r\n feature tier standard\r\n throughput level 100M\r\n';
    case 'show running-config call-home':
      return corpus('show-running-config-call-home__joshrodd-mockdevices-notes__1.txt');
    case 'show clock':
      return '13:09:43.123 UTC Tue Jan 12 2027\r\n';
    case 'terminal pager 0':
      return '';
    default:
      return undefined;
  }
}

/**
 * Writes 64 KiB chunks for as long as the channel is open, at the pace the client reads, one per
 * turn of the event loop (the server shares its process with the test's other devices).
 */
function flood(ch: ssh2.ServerChannel): void {
  const chunk = `${'Smart Licensing Status flood '.repeat(40)}\r\n`.repeat(56);
  let open = true;
  ch.on('close', () => {
    open = false;
  });
  const pump = () => {
    if (!open) return;
    if (ch.write(chunk)) setImmediate(pump);
    else ch.once('drain', pump);
  };
  pump();
}

export async function startFakeAsa(spec: FakeAsaSpec = {}): Promise<FakeAsa> {
  const hostKey = spec.hostKey ?? newHostKey();
  const parsed = utils.parseKey(hostKey);
  if (parsed instanceof Error) throw parsed;
  const publicKey = (Array.isArray(parsed) ? parsed[0] : parsed).getPublicSSH();
  const commands: string[] = [];
  let open = 0;
  let maxOpen = 0;
  const server = new Server({ hostKeys: [hostKey] }, (client) => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    client.on('close', () => open--);
    client.on('authentication', (ctx) => {
      if (
        ctx.method === 'password' &&
        ctx.username === (spec.username ?? 'admin') &&
        ctx.password === (spec.password ?? 'pw')
      )
        return ctx.accept();
      if (ctx.method === 'none' && spec.shellLogin) return ctx.accept();
      ctx.reject(['password']);
    });
    client.on('error', () => {});
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('pty', (ok) => ok?.());
        session.on('shell', (ok) => {
          const ch = ok();
          const host = spec.hostname ?? 'fw1';
          let privileged = !!spec.autoEnable;
          let inSystem = !spec.context;
          let pager = spec.pagerLines ?? 24;
          let state: 'cmd' | 'enable-pw' | 'login-user' | 'login-pw' = spec.shellLogin ? 'login-user' : 'cmd';
          let pending: string[] = [];
          let line = '';
          let enableTries = 0;
          let loginCommand = false;
          const prompt = () => {
            const suffix = spec.context && !inSystem ? `/${spec.context.name}` : (spec.promptSuffix ?? '');
            return `${host}${suffix}${privileged ? '#' : '>'} `;
          };
          const page = () => {
            const chunk = pending.splice(0, pager > 0 ? pager : pending.length);
            ch.write(chunk.map((l) => `${l}\r\n`).join(''));
            if (pending.length) ch.write('<--- More --->');
            else ch.write(prompt());
          };
          if (spec.neverPrompt) {
            ch.write('Welcome\r\n');
            ch.on('data', () => {});
            return;
          }
          if (spec.foreignPrompt) {
            ch.write(`Welcome to something else\r\n${spec.foreignPrompt}`);
            return;
          }
          if (!spec.quietUntilKey)
            ch.write(
              spec.shellLogin
                ? 'Username: '
                : `Type help or '?' for a list of available commands.\r\n${prompt()}`,
            );
          ch.on('data', (d: Buffer) => {
            for (const c of d.toString('utf8')) {
              if (pending.length) {
                if (c === ' ') {
                  ch.write('\r              \r');
                  page();
                } else if (c === 'q') {
                  pending = [];
                  ch.write(`\r\n${prompt()}`);
                }
                continue;
              }
              if (c !== '\r' && c !== '\n') {
                line += c;
                if (!state.endsWith('pw')) ch.write(c);
                continue;
              }
              if (c === '\n') continue;
              const input = line.trim();
              line = '';
              ch.write('\r\n');
              if (state === 'login-user') {
                state = 'login-pw';
                ch.write('Password: ');
                continue;
              }
              if (state === 'login-pw') {
                state = 'cmd';
                if (input !== (spec.password ?? 'pw')) {
                  ch.write('Login invalid\r\n\r\nUsername: ');
                  state = 'login-user';
                  continue;
                }
                // The in-shell login (and ASA's `login` command) lands at the user's level: 15 here.
                if (loginCommand || spec.autoEnable) privileged = true;
                ch.write(prompt());
                continue;
              }
              if (state === 'enable-pw') {
                if (input === (spec.enablePassword ?? '')) {
                  privileged = true;
                  state = 'cmd';
                } else if (++enableTries < 3) {
                  ch.write('Invalid password\r\nPassword: ');
                  continue;
                } else {
                  state = 'cmd';
                  ch.write('Invalid password\r\nAccess denied.\r\n');
                }
                ch.write(prompt());
                continue;
              }
              if (input) commands.push(input);
              if (input && input === spec.hangOn) continue;
              if (input && input === spec.floodOn) {
                flood(ch);
                continue;
              }
              if (input === 'login' && spec.loginCommand) {
                loginCommand = true;
                state = 'login-user';
                ch.write('Username: ');
                continue;
              }
              if (input === 'enable') {
                enableTries = 0;
                state = 'enable-pw';
                ch.write('Password: ');
                continue;
              }
              if (input === 'terminal pager 0') pager = 0;
              if (input === 'changeto system') {
                if (spec.context?.canChangeToSystem) inSystem = true;
                else ch.write('ERROR: Command authorization failed\r\n');
                ch.write(prompt());
                continue;
              }
              const out = input ? outputFor(input, spec, inSystem) : '';
              if (out === undefined) {
                ch.write(`${INVALID(input)}${prompt()}`);
                continue;
              }
              pending = out.split('\r\n');
              if (pending.at(-1) === '') pending.pop();
              if (!pending.length) ch.write(prompt());
              else page();
            }
          });
        });
      });
    });
  });
  await new Promise<void>((r) => server.listen(spec.port ?? 0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    hostKey,
    publicKey,
    commands,
    maxConcurrent: () => maxOpen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
