// Configuration modes: global config, `license smart`, `call-home` and its profiles. Handlers only
// describe the change; the device applies it to its running config (config-changes.ts).

import { arg, byWord, goto, kw, type Node, PORT, WORD } from './cli-builders.ts';
import type { DeviceForCli, Handler, Mode } from './cli-context.ts';
import { EXEC_COMMON, licenseExec, pagerNode } from './cli-exec.ts';

const end: Node = kw('end', 'Exit from configure mode', { run: goto('exec') });
const exitTo = (mode: Mode, help = 'Exit from this submode'): Node => kw('exit', help, { run: goto(mode) });

const configure =
  (
    change: (a: Record<string, string>, negated: boolean) => Parameters<DeviceForCli['configure']>[0],
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
