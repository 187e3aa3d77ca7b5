// Configuration modes: global config, `license smart`, `call-home` and its profiles. Handlers only
// describe the change; the device applies it to its running config (config-changes.ts).

import { ASAV_THROUGHPUT_LEVELS, FEATURE_TIERS } from '../core/entitlements.ts';
import { arg, byWord, goto, kw, type Node, PORT, WORD } from './cli-builders.ts';
import { BANNER_KINDS, type DeviceForCli, type Handler, type Mode } from './cli-context.ts';
import { EXEC_COMMON, licenseExec, pagerNode } from './cli-exec.ts';

const end: Node = kw('end', 'Exit from configure mode', { run: goto('exec') });
const exitTo = (mode: Mode, help = 'Exit from this submode'): Node => kw('exit', help, { run: goto(mode) });

const configure =
  (
    change: (a: Record<string, string>, negated: boolean) => Parameters<DeviceForCli['configure']>[0],
    then?: Mode,
  ): Handler =>
  async (ctx, a, negated) => {
    const err = ctx.device.configure(change(a, negated), ctx.session.username);
    if (err) return ctx.print(err);
    if (then && !negated) ctx.session.mode = then;
  };

const BANNER_HELP: Record<(typeof BANNER_KINDS)[number], string> = {
  asdm: 'Configure ASDM banner',
  exec: 'Configure EXEC banner',
  login: 'Configure login banner',
  motd: 'Configure message of the day banner',
};

/**
 * `banner motd|login|exec|asdm TEXT`: each line adds one line to that banner, the rest of the line
 * verbatim; `no banner KIND` removes them all (ASA semantics: a banner is as many lines as were
 * typed; [assumed] `no banner KIND TEXT` removes the whole banner too).
 */
const bannerNode = (negated: boolean): Node =>
  kw('banner', 'Configure login/session banners', {
    children: BANNER_KINDS.map((banner) =>
      kw(banner, BANNER_HELP[banner], {
        ...(negated ? { run: configure(() => ({ kind: 'banner', banner })) } : {}),
        children: [
          arg(
            { name: 'LINE', help: 'Text of the banner line', rest: true },
            {
              run: configure((a, n) =>
                n ? { kind: 'banner', banner } : { kind: 'banner', banner, text: a.LINE },
              ),
            },
          ),
        ],
      }),
    ),
  });

export const CONFIG_ROOTS: Node[] = [
  ...EXEC_COMMON.filter((n) => n.word !== 'license'),
  bannerNode(false),
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
  bannerNode(true),
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

type SmartSetting = 'feature tier' | 'throughput level' | 'transport type';

/** `<setting> <value>` from the argument `name`; the negative form removes the setting whatever follows. */
const smartSetting = (setting: SmartSetting, name: string, normalise = (v?: string) => v): Handler =>
  configure((a, negated) => ({
    kind: 'smart-lic',
    setting,
    value: negated ? undefined : normalise(a[name]),
  }));

/** A keyword that is itself the value (`feature tier standard`, `transport type smart`). */
const smartKeyword = (setting: SmartSetting, value: string, help: string): Node =>
  kw(value, help, {
    run: configure((_, n) => ({ kind: 'smart-lic', setting, value: n ? undefined : value })),
  });

/**
 * `<word> <host> port <port>` under license smart and call-home: both accept `no <word>` with or
 * without the rest, and store the same line shape.
 */
const proxyNode = (word: string, help: string, kind: 'transport-proxy' | 'call-home-proxy'): Node =>
  kw(word, help, {
    run: configure(() => ({ kind })),
    negatedOnly: true,
    children: [
      arg(WORD('Proxy host name or IP address', 'host'), {
        run: configure(() => ({ kind })),
        negatedOnly: true,
        children: [
          kw('port', 'Proxy port', {
            children: [
              arg(PORT, {
                run: configure((a, n) =>
                  n ? { kind } : { kind, host: a.host, port: Number(a['<1-65535>']) },
                ),
              }),
            ],
          }),
        ],
      }),
    ],
  });

// The levels and tiers the core's entitlement catalogue knows: what the CLI accepts is what a
// device can request, and what the lab's authority pools.
const THROUGHPUT = new RegExp(`^(?:${ASAV_THROUGHPUT_LEVELS.join('|')})$`, 'i');
const LEVELS_HELP = `${ASAV_THROUGHPUT_LEVELS.slice(0, -1).join(', ')} or ${ASAV_THROUGHPUT_LEVELS.at(-1)}`;
const capitalised = (w: string) => `${w[0]?.toUpperCase() ?? ''}${w.slice(1)}`;

function smartLicTree(): Node[] {
  return [
    kw('feature', 'Configure licensed features', {
      children: [
        kw('tier', 'Configure feature tier', {
          run: smartSetting('feature tier', 'tier'),
          negatedOnly: true,
          children: FEATURE_TIERS.map((t) => smartKeyword('feature tier', t, `${capitalised(t)} tier`)),
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
              { name: '<level>', help: LEVELS_HELP, pattern: THROUGHPUT },
              { run: smartSetting('throughput level', '<level>', (v) => v?.toUpperCase()) },
            ),
          ],
        }),
      ],
    }),
    kw('transport', 'Configure transport', {
      children: [
        proxyNode('proxy', 'Configure proxy for smart transport', 'transport-proxy'),
        kw('type', 'Configure transport type', {
          run: smartSetting('transport type', 'type'),
          negatedOnly: true,
          children: [
            smartKeyword('transport type', 'callhome', 'Use Smart Call Home as license message transport'),
            smartKeyword('transport type', 'smart', 'Use Smart Transport as license message transport'),
          ],
        }),
      ],
    }),
  ];
}

export const SMART_LIC_ROOTS: Node[] = [...smartLicTree(), end, exitTo('config')].sort(byWord);
export const SMART_LIC_NO_ROOTS: Node[] = smartLicTree();

const profileNode = (): Node =>
  kw('profile', 'Enter call-home profile configuration mode', {
    children: [
      arg(WORD('Profile name', 'name'), {
        run: async (ctx, a, negated) => {
          const err = ctx.device.configure(
            { kind: 'profile', name: a.name ?? '', negated },
            ctx.session.username,
          );
          if (err) return ctx.print(err);
          if (!negated) {
            ctx.session.profile = a.name;
            ctx.session.mode = 'call-home-profile';
          }
        },
      }),
    ],
  });

const httpProxy = (): Node => proxyNode('http-proxy', 'Configure HTTP proxy', 'call-home-proxy');

export const CALL_HOME_ROOTS: Node[] = [httpProxy(), profileNode(), end, exitTo('config')].sort(byWord);
export const CALL_HOME_NO_ROOTS: Node[] = [httpProxy(), profileNode()];

const profileLine =
  (build: (a: Record<string, string>) => string): Handler =>
  async (ctx, a, negated) => {
    const err = ctx.device.configure(
      { kind: 'profile-line', profile: ctx.session.profile ?? '', line: build(a), negated },
      ctx.session.username,
    );
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
