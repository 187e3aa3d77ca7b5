// The ASA commands this emulator understands, per mode, as command trees (command-tree.ts). The
// handlers are thin: they move the session between modes or ask the device to do the work.

import type { Handler, Mode, ShowTopic } from './cli-context.ts';
import type { ArgSpec, CommandNode } from './command-tree.ts';

type Node = CommandNode<Handler>;
type Extra = Partial<Pick<Node, 'children' | 'run' | 'negatedOnly'>>;

const kw = (word: string, help: string, extra: Extra = {}): Node => ({ word, help, ...extra });
const arg = (spec: ArgSpec, extra: Extra = {}): Node => ({ arg: spec, help: spec.help, ...extra });

const WORD = (help: string, name = 'WORD'): ArgSpec => ({ name, help });
const PORT: ArgSpec = { name: '<1-65535>', help: 'Port number', pattern: /^(?:[1-9]\d{0,4})$/ };

const show =
  (topic: ShowTopic): Handler =>
  async (ctx) => {
    await ctx.print(await ctx.device.show(topic));
  };

const goto =
  (mode: Mode): Handler =>
  (ctx) => {
    ctx.session.mode = mode;
  };

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
    const password = await ctx.ask('Password: ', 'star');
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
  const username = await ctx.ask('Username: ', 'plain');
  const password = await ctx.ask('Password: ', 'star');
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

const license =
  (action: Parameters<import('./cli-context.ts').DeviceForCli['license']>[0]): Handler =>
  async (ctx) => {
    const out = await ctx.device.license(action);
    if (out) await ctx.print(out);
  };

/** `license smart register|deregister|renew` — valid in exec and (as Cisco's scripts use it) config mode. */
function licenseExec(): Node[] {
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

function showTree(privileged: boolean): Node {
  const children: Node[] = [
    kw('clock', 'Display the system clock', { run: showClock }),
    kw('curpriv', 'Display current privilege level', { run: curpriv }),
    kw('version', 'Display system software version', { run: show('version') }),
  ];
  if (privileged) {
    children.push(
      kw('license', 'Show license information', {
        children: [
          kw('all', 'Show all license information', { run: show('license all') }),
          kw('features', 'Show license features', { run: show('license features') }),
          kw('status', 'Show license status', { run: show('license status') }),
          kw('summary', 'Show license summary', { run: show('license summary') }),
        ],
      }),
      kw('memory', 'System memory utilization', { run: show('memory') }),
      kw('running-config', 'Current operating configuration', {
        run: show('running-config'),
        children: [
          kw('all', 'Configuration with defaults', { run: show('running-config') }),
          kw('call-home', 'Show call-home configuration', { run: show('running-config call-home') }),
          kw('license', 'Show license configuration', { run: show('running-config license') }),
        ],
      }),
      kw('startup-config', 'Contents of startup configuration', { run: show('startup-config') }),
    );
  }
  return kw('show', 'Show running system information', { children: children.sort(byWord) });
}

function byWord(a: Node, b: Node): number {
  return (a.word ?? '').localeCompare(b.word ?? '');
}

const pagerNode = kw('pager', 'Control page length for pagination', {
  run: setPager,
  negatedOnly: true,
  children: [
    arg(
      { name: '<0-2147483647>', help: 'Number of lines, 0 means no page limit', pattern: /^\d{1,10}$/ },
      {
        run: (ctx, a, n) => setPager(ctx, { lines: a['<0-2147483647>'] ?? '0' }, n),
      },
    ),
    kw('lines', 'Lines per page', {
      children: [
        arg(
          { name: '<0-2147483647>', help: 'Number of lines, 0 means no page limit', pattern: /^\d{1,10}$/ },
          {
            run: (ctx, a, n) => setPager(ctx, { lines: a['<0-2147483647>'] ?? '0' }, n),
          },
        ),
      ],
    }),
  ],
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

const EXEC_COMMON: Node[] = [
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
  kw('configure', 'Change to Configuration mode', {
    children: [kw('terminal', 'Configure using terminal/console', { run: goto('config') })],
  }),
  kw('dir', 'List files on a filesystem', { run: show('dir') }),
  kw('disable', 'Turn off privileged commands', {
    run: (ctx) => {
      ctx.session.mode = 'user';
    },
  }),
  kw('enable', 'Turn on privileged commands', { run: enable }),
  ...sessionWords(),
  kw('login', 'Log in as a particular user', { run: login }),
  kw('reload', 'Halt and reload system', { run: reload }),
  kw('terminal', 'Set terminal line parameters', { children: [pagerNode] }),
].sort(byWord);

export const EXEC_NO_ROOTS: Node[] = [
  kw('terminal', 'Set terminal line parameters', { children: [pagerNode] }),
];

const end: Node = kw('end', 'Exit from configure mode', { run: goto('exec') });
const exitTo = (mode: Mode, help = 'Exit from this submode'): Node => kw('exit', help, { run: goto(mode) });

const configure =
  (
    change: (
      a: Record<string, string>,
      negated: boolean,
    ) => Parameters<import('./cli-context.ts').DeviceForCli['configure']>[0],
    then?: Mode,
  ): Handler =>
  async (ctx, a, negated) => {
    const err = ctx.device.configure(change(a, negated));
    if (err) return ctx.print(err);
    if (then && !negated) ctx.session.mode = then;
  };

export const CONFIG_ROOTS: Node[] = [
  ...EXEC_COMMON.filter((n) => n.word !== 'license'),
  kw('call-home', 'Enter call-home configuration mode', {
    run: configure((_, negated) => ({ kind: 'call-home', negated }), 'call-home'),
  }),
  end,
  exitTo('exec', 'Exit from config mode'),
  kw('hostname', 'Change host name of the system', {
    children: [
      arg(WORD('New name for this system', 'name'), {
        run: configure((a) => ({ kind: 'hostname', name: a.name ?? '' })),
      }),
    ],
  }),
  kw('license', 'Configure license features', {
    children: [
      kw('smart', 'Smart licensing', {
        run: configure((_, negated) => ({ kind: 'license-smart', negated }), 'smart-lic'),
        children: licenseExec(),
      }),
    ],
  }),
  kw('terminal', 'Set terminal line parameters', {
    children: [
      pagerNode,
      kw('width', 'Set width of the display terminal', {
        children: [
          arg(
            { name: '<24-511>', help: 'Number of characters', pattern: /^\d{2,3}$/ },
            {
              run: (ctx, a) => {
                ctx.session.width = Number(a['<24-511>']);
              },
            },
          ),
        ],
      }),
    ],
  }),
].sort(byWord);

export const CONFIG_NO_ROOTS: Node[] = [
  kw('call-home', 'Enter call-home configuration mode', {
    run: configure((_, n) => ({ kind: 'call-home', negated: n })),
  }),
  kw('license', 'Configure license features', {
    children: [
      kw('smart', 'Smart licensing', { run: configure((_, n) => ({ kind: 'license-smart', negated: n })) }),
    ],
  }),
  kw('terminal', 'Set terminal line parameters', { children: [pagerNode] }),
];

const smartSetting = (
  setting: 'feature tier' | 'throughput level' | 'transport type',
  name: string,
): Handler =>
  configure((a, negated) => ({ kind: 'smart-lic', setting, value: negated ? undefined : a[name] }));

const THROUGHPUT = /^(100M|1G|2G|10G|20G)$/i;

function smartLicTree(): Node[] {
  return [
    kw('feature', 'Configure licensed features', {
      children: [
        kw('tier', 'Configure feature tier', {
          run: smartSetting('feature tier', 'tier'),
          negatedOnly: true,
          children: [
            kw('standard', 'Standard tier', {
              run: configure((_, n) => ({
                kind: 'smart-lic',
                setting: 'feature tier',
                value: n ? undefined : 'standard',
              })),
            }),
          ],
        }),
      ],
    }),
    kw('throughput', 'Configure throughput', {
      children: [
        kw('level', 'Configure throughput level', {
          run: smartSetting('throughput level', 'level'),
          negatedOnly: true,
          children: [
            arg(
              { name: '<level>', help: '100M, 1G, 2G, 10G or 20G', pattern: THROUGHPUT },
              {
                run: configure((a, n) => ({
                  kind: 'smart-lic',
                  setting: 'throughput level',
                  value: n ? undefined : a['<level>']?.toUpperCase(),
                })),
              },
            ),
          ],
        }),
      ],
    }),
    kw('transport', 'Configure transport', {
      children: [
        kw('proxy', 'Configure proxy for smart transport', {
          run: configure(() => ({ kind: 'transport-proxy' })),
          negatedOnly: true,
          children: [
            arg(WORD('Proxy host name or IP address', 'host'), {
              run: configure(() => ({ kind: 'transport-proxy' })),
              negatedOnly: true,
              children: [
                kw('port', 'Proxy port', {
                  children: [
                    arg(PORT, {
                      run: configure((a, n) =>
                        n
                          ? { kind: 'transport-proxy' }
                          : { kind: 'transport-proxy', host: a.host, port: Number(a['<1-65535>']) },
                      ),
                    }),
                  ],
                }),
              ],
            }),
          ],
        }),
        kw('type', 'Configure transport type', {
          run: smartSetting('transport type', 'type'),
          negatedOnly: true,
          children: [
            kw('callhome', 'Use Smart Call Home as license message transport', {
              run: configure((_, n) => ({
                kind: 'smart-lic',
                setting: 'transport type',
                value: n ? undefined : 'callhome',
              })),
            }),
            kw('smart', 'Use Smart Transport as license message transport', {
              run: configure((_, n) => ({
                kind: 'smart-lic',
                setting: 'transport type',
                value: n ? undefined : 'smart',
              })),
            }),
          ],
        }),
      ],
    }),
  ];
}

export const SMART_LIC_ROOTS: Node[] = [...smartLicTree(), end, exitTo('config')].sort(byWord);
export const SMART_LIC_NO_ROOTS: Node[] = smartLicTree();

const httpProxy = (): Node =>
  kw('http-proxy', 'Configure HTTP proxy', {
    run: configure(() => ({ kind: 'call-home-proxy' })),
    negatedOnly: true,
    children: [
      arg(WORD('Proxy host name or IP address', 'host'), {
        run: configure(() => ({ kind: 'call-home-proxy' })),
        negatedOnly: true,
        children: [
          kw('port', 'Proxy port', {
            children: [
              arg(PORT, {
                run: configure((a, n) =>
                  n
                    ? { kind: 'call-home-proxy' }
                    : { kind: 'call-home-proxy', host: a.host, port: Number(a['<1-65535>']) },
                ),
              }),
            ],
          }),
        ],
      }),
    ],
  });

const profileNode = (): Node =>
  kw('profile', 'Enter call-home profile configuration mode', {
    children: [
      arg(WORD('Profile name', 'name'), {
        run: async (ctx, a, negated) => {
          const err = ctx.device.configure({ kind: 'profile', name: a.name ?? '', negated });
          if (err) return ctx.print(err);
          if (!negated) {
            ctx.session.profile = a.name;
            ctx.session.mode = 'call-home-profile';
          }
        },
      }),
    ],
  });

export const CALL_HOME_ROOTS: Node[] = [httpProxy(), profileNode(), end, exitTo('config')].sort(byWord);
export const CALL_HOME_NO_ROOTS: Node[] = [httpProxy(), profileNode()];

const profileLine =
  (build: (a: Record<string, string>) => string): Handler =>
  async (ctx, a, negated) => {
    const err = ctx.device.configure({
      kind: 'profile-line',
      profile: ctx.session.profile ?? '',
      line: build(a),
      negated,
    });
    if (err) await ctx.print(err);
  };

function profileTree(): Node[] {
  return [
    kw('active', 'Activate the current profile', { run: profileLine(() => 'active') }),
    kw('destination', 'Configure destination', {
      children: [
        kw('address', 'Configure destination address', {
          children: [
            kw('email', 'Email address', {
              children: [
                arg(WORD('Email address', 'email'), {
                  run: profileLine((a) => `destination address email ${a.email}`),
                }),
              ],
            }),
            kw('http', 'HTTP(S) URL', {
              children: [
                arg(WORD('HTTP(S) URL', 'url'), {
                  run: profileLine((a) => `destination address http ${a.url}`),
                }),
              ],
            }),
          ],
        }),
        kw('transport-method', 'Configure transport method', {
          run: profileLine(() => 'destination transport-method'),
          negatedOnly: true,
          children: [
            kw('email', 'Use email as transport method', {
              run: profileLine(() => 'destination transport-method email'),
            }),
            kw('http', 'Use HTTP(S) as transport method', {
              run: profileLine(() => 'destination transport-method http'),
            }),
          ],
        }),
      ],
    }),
  ];
}

export const PROFILE_ROOTS: Node[] = [...profileTree(), end, exitTo('call-home')].sort(byWord);
export const PROFILE_NO_ROOTS: Node[] = profileTree();

/** Roots and `no` roots of each mode. */
export function grammarFor(mode: Mode): { roots: Node[]; noRoots?: Node[] } {
  switch (mode) {
    case 'user':
      return { roots: USER_ROOTS };
    case 'exec':
      return { roots: EXEC_ROOTS, noRoots: EXEC_NO_ROOTS };
    case 'config':
      return { roots: CONFIG_ROOTS, noRoots: CONFIG_NO_ROOTS };
    case 'smart-lic':
      return { roots: SMART_LIC_ROOTS, noRoots: SMART_LIC_NO_ROOTS };
    case 'call-home':
      return { roots: CALL_HOME_ROOTS, noRoots: CALL_HOME_NO_ROOTS };
    case 'call-home-profile':
      return { roots: PROFILE_ROOTS, noRoots: PROFILE_NO_ROOTS };
  }
}

/** The mode a sub-mode falls back to when a line is not its own (ASA leaves the sub-mode). */
export const PARENT_MODE: Partial<Record<Mode, Mode>> = {
  'smart-lic': 'config',
  'call-home': 'config',
  'call-home-profile': 'call-home',
};
