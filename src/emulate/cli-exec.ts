// Exec-level commands (`host>` and `host#`): login and privilege, pager, show, write/copy, reload,
// and the `license smart register|deregister|renew` operations (also valid in config mode).

import {
  COMMAND_WORDS,
  type CommandWord,
  PASSWORD_PROMPT,
  STANDBY_CONFIG_WARNING,
  USERNAME_PROMPT,
} from '../text/index.ts';
import { arg, byWord, kw, type Node, show, WORD } from './cli-builders.ts';
import type { DeviceForCli, Handler } from './cli-context.ts';
import { CHANGETO } from './contexts.ts';

const setPager: Handler = (ctx, args, negated) => {
  ctx.session.pagerLines = negated ? 0 : Number(args.lines ?? 0);
};

const curpriv: Handler = async (ctx) => {
  const { mode, username } = ctx.session;
  const level = mode === 'user' ? 1 : 15;
  const modes = mode === 'user' ? 'P_UNPR' : mode === 'exec' ? 'P_PRIV' : 'P_CONF';
  await ctx.print(
    [`Username : ${username}`, `Current privilege level : ${level}`, `Current Mode/s : ${modes}`].join('\n'),
  );
};

const showClock: Handler = async (ctx) => {
  await ctx.print(ctx.device.nowText());
};

const enable: Handler = async (ctx) => {
  if (ctx.session.mode !== 'user') return;
  for (let attempt = 0; attempt < 3; attempt++) {
    const password = await ctx.ask(PASSWORD_PROMPT, 'star');
    if (ctx.device.checkEnablePassword(password)) {
      ctx.session.mode = 'exec';
      ctx.session.username = 'enable_15';
      return;
    }
    await ctx.print('Invalid password');
  }
  await ctx.print('Access denied.');
};

const login: Handler = async (ctx) => {
  // The login banner shows before the login prompts.
  const banner = ctx.device.banner('login');
  if (banner.length > 0) await ctx.print(banner.join('\n'));
  const username = await ctx.ask(USERNAME_PROMPT, 'plain');
  const password = await ctx.ask(PASSWORD_PROMPT, 'star');
  if (ctx.device.checkLogin(username, password)) {
    ctx.session.mode = 'exec';
    ctx.session.username = username;
  } else {
    await ctx.print('Invalid password');
  }
};

const writeMemory: Handler = async (ctx) => {
  await ctx.print(await ctx.device.writeMemory());
};

const copyRunStart: Handler = async (ctx) => {
  const source = (await ctx.ask('\nSource filename [running-config]? ')).trim();
  if (source !== '' && source !== 'running-config')
    return ctx.print(`%Error opening ${source} (No such file or directory)`);
  await ctx.print(await ctx.device.writeMemory());
};

const reload: Handler = async (ctx) => {
  if (ctx.device.runningDiffersFromStartup()) {
    const answer = (await ctx.ask('System config has been modified. Save? [Y]es/[N]o: '))
      .trim()
      .toLowerCase();
    if (answer === '' || answer.startsWith('y')) await ctx.print(await ctx.device.writeMemory());
  }
  const key = await ctx.askKey('Proceed with reload? [confirm]');
  if (key !== '\r' && key.toLowerCase() !== 'y') {
    await ctx.print('\n%Reload cancelled');
    return;
  }
  await ctx.print(
    '\n\n***\n*** --- START GRACEFUL SHUTDOWN ---\n***\n*** Message to all terminals:\n***\n***   reload\n\n*** --- SHUTDOWN NOW ---',
  );
  // The device drops every SSH session when it reloads (this one included).
  await ctx.device.reload();
};

// A standby warns that what is configured on it stays on it (the ASA's words: text/failover.ts).
const configureTerminal: Handler = async (ctx) => {
  if (ctx.device.failoverState() === 'standby') await ctx.print(STANDBY_CONFIG_WARNING);
  ctx.session.mode = 'config';
};

// `failover active` on the standby, `no failover active` on the active unit (failover.ts).
const failoverActive: Handler = async (ctx, _args, negated) => {
  const out = ctx.device.failover(negated ? 'standby' : 'active');
  if (out) await ctx.print(out);
};

const failoverNode = kw('failover', 'Interface failover', {
  children: [
    kw('active', 'Make this system to be the active unit of the failover pair', { run: failoverActive }),
  ],
});

const license =
  (action: Parameters<DeviceForCli['license']>[0]): Handler =>
  async (ctx) => {
    const out = await ctx.device.license(action);
    if (out) await ctx.print(out);
  };

/** `license smart register|deregister|renew` — valid in exec and (as Cisco's scripts use it) config mode. */
export function licenseExec(): Node[] {
  const register: Handler = async (ctx, args) => {
    const out = await ctx.device.license({
      kind: 'register',
      idToken: args.token ?? '',
      force: 'force' in args,
    });
    if (out) await ctx.print(out);
  };
  return [
    kw('register', 'Register with Cisco Smart Software Manager', {
      children: [
        kw('idtoken', 'ID token', {
          children: [
            arg(WORD('ID token from Cisco Smart Software Manager', 'token'), {
              run: register,
              children: [
                kw('force', 'Force registration', {
                  run: async (ctx, a) => register(ctx, { ...a, force: '' }, false),
                }),
              ],
            }),
          ],
        }),
      ],
    }),
    kw('deregister', 'Deregister with Cisco Smart Software Manager', {
      run: license({ kind: 'deregister' }),
    }),
    kw('renew', 'Renew', {
      children: [
        kw('auth', 'Renew license authorization', { run: license({ kind: 'renew', what: 'auth' }) }),
        kw('id', 'Renew ID certificate', { run: license({ kind: 'renew', what: 'id' }) }),
      ],
    }),
  ];
}

// The words of the show commands the text layer reads (and the collector types) are its command
// table's, with the ASA's minimum prefixes: `sh lic` works here as on the ASA, `sh l` does not.
const W = COMMAND_WORDS as Readonly<Record<string, CommandWord>>;

function showTree(privileged: boolean): Node {
  const children: Node[] = [
    kw(W.clock ?? 'clock', 'Display the system clock', { run: showClock }),
    kw(W.curpriv ?? 'curpriv', 'Display current privilege level', { run: curpriv }),
    kw(W.version ?? 'version', 'Display system software version', { run: show('version') }),
  ];
  if (privileged) {
    children.push(
      kw(W.license ?? 'license', 'Show license information', {
        children: [
          kw(W.all ?? 'all', 'Show all license information', { run: show('license all') }),
          kw(W.features ?? 'features', 'Show license features', { run: show('license features') }),
          kw(W.status ?? 'status', 'Show license status', { run: show('license status') }),
          kw(W.summary ?? 'summary', 'Show license summary', { run: show('license summary') }),
        ],
      }),
      kw('failover', 'Show failover status', { run: show('failover') }),
      kw('memory', 'System memory utilization', { run: show('memory') }),
      kw('mode', 'Show system mode', { run: show('mode') }),
      kw(W['running-config'] ?? 'running-config', 'Current operating configuration', {
        run: show('running-config'),
        children: [
          kw(W.all ?? 'all', 'Configuration with defaults', { run: show('running-config') }),
          kw(W['call-home'] ?? 'call-home', 'Show call-home configuration', {
            run: show('running-config call-home'),
          }),
          kw(W.license ?? 'license', 'Show license configuration', { run: show('running-config license') }),
        ],
      }),
      kw('startup-config', 'Contents of startup configuration', { run: show('startup-config') }),
    );
  }
  return kw(W.show ?? 'show', 'Show running system information', { children: children.sort(byWord) });
}

// `terminal pager N` and `terminal pager lines N` take the same number.
const pagerLines = (): Node =>
  arg(
    { name: '<0-2147483647>', help: 'Number of lines, 0 means no page limit', pattern: /^\d{1,10}$/ },
    { run: (ctx, a, n) => setPager(ctx, { lines: a['<0-2147483647>'] ?? '0' }, n) },
  );

export const pagerNode = kw('pager', 'Control page length for pagination', {
  run: setPager,
  negatedOnly: true,
  children: [pagerLines(), kw('lines', 'Lines per page', { children: [pagerLines()] })],
});

const exitToExecOrLogout: Handler = (ctx) => ctx.logout();

function sessionWords(): Node[] {
  return [
    kw('exit', 'Exit from the EXEC', { run: exitToExecOrLogout }),
    kw('logout', 'Exit from the EXEC', { run: exitToExecOrLogout }),
    kw('quit', 'Exit from the EXEC', { run: exitToExecOrLogout }),
  ];
}

export const USER_ROOTS: Node[] = [
  kw('enable', 'Turn on privileged commands', { run: enable }),
  ...sessionWords(),
  kw('login', 'Log in as a particular user', { run: login }),
  showTree(false),
  kw('terminal', 'Set terminal line parameters', { children: [pagerNode] }),
].sort(byWord);

/** Exec commands the config modes accept too (the ASA runs show/write/copy from config mode). */
export const EXEC_COMMON: Node[] = [
  kw('copy', 'Copy from one file to another', {
    children: [
      kw('running-config', 'Copy from current system configuration', {
        children: [kw('startup-config', 'Copy to startup configuration', { run: copyRunStart })],
      }),
    ],
  }),
  kw('license', 'Configure license features', {
    children: [kw('smart', 'Smart licensing', { children: licenseExec() })],
  }),
  showTree(true),
  kw('write', 'Write config to memory', {
    run: writeMemory,
    children: [kw('memory', 'Save active configuration to the flash', { run: writeMemory })],
  }),
];

export const EXEC_ROOTS: Node[] = [
  ...EXEC_COMMON,
  CHANGETO,
  kw('configure', 'Change to Configuration mode', {
    children: [kw('terminal', 'Configure using terminal/console', { run: configureTerminal })],
  }),
  kw('dir', 'List files on a filesystem', { run: show('dir') }),
  kw('disable', 'Turn off privileged commands', {
    run: (ctx) => {
      ctx.session.mode = 'user';
    },
  }),
  kw('enable', 'Turn on privileged commands', { run: enable }),
  failoverNode,
  ...sessionWords(),
  kw('login', 'Log in as a particular user', { run: login }),
  kw('reload', 'Halt and reload system', { run: reload }),
  kw('terminal', 'Set terminal line parameters', { children: [pagerNode] }),
].sort(byWord);

export const EXEC_NO_ROOTS: Node[] = [
  failoverNode,
  kw('terminal', 'Set terminal line parameters', { children: [pagerNode] }),
].sort(byWord);
