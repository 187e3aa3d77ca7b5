// What a command handler may touch: the session (mode, privilege, pager) and the device. Handlers
// never see the socket; they print through `ctx.print`, which pages long output.

import type { FailoverState } from './failover.ts';
import type { EchoMode } from './terminal-input.ts';

/** The modes an ASA session moves through, each with its own prompt. */
export type Mode = 'user' | 'exec' | 'config' | 'smart-lic' | 'call-home' | 'call-home-profile';

/** `host>` … `host(cfg-call-home-profile)#`. */
export const PROMPT_SUFFIX: Record<Mode, string> = {
  user: '>',
  exec: '#',
  config: '(config)#',
  'smart-lic': '(config-smart-lic)#',
  'call-home': '(config-call-home)#',
  'call-home-profile': '(cfg-call-home-profile)#',
};

/** The name in the `?` help header: `<name> mode commands/options:`. */
export const HELP_MODE_NAME: Record<Mode, string> = {
  user: 'exec',
  exec: 'exec',
  config: 'configure',
  'smart-lic': 'smart-lic-mode',
  'call-home': 'call-home',
  'call-home-profile': 'call-home-profile',
};

export interface SessionState {
  mode: Mode;
  /** The user named at login, or `enable_15` after `enable` (what `show curpriv` prints). */
  username: string;
  /** Lines per page; 0 = no paging. */
  pagerLines: number;
  width: number;
  /** The call-home profile being edited in `cfg-call-home-profile` mode. */
  profile?: string;
  /** Interactive shell (pty) or a one-shot exec channel. */
  interactive: boolean;
  /**
   * Multiple context mode: the context the session is in (`system` or a user context's name,
   * `changeto` moves it); undefined in single context mode.
   */
  context?: string;
}

/** The device as commands see it (implemented by EmulatedDevice). */
export interface DeviceForCli {
  readonly name: string;
  hostname(): string;
  checkEnablePassword(password: string): boolean;
  checkLogin(username: string, password: string): boolean;
  /**
   * Text of a show command this device answers from its licensing agent and config, as the
   * session's context sees it (multiple context mode).
   */
  show(what: ShowTopic, context?: string): Promise<string>;
  /** Multiple context mode: the user contexts, admin first; undefined in single mode. */
  contextNames(): readonly string[] | undefined;
  /** The prompt before its mode suffix: `fw`, `fw/admin`, `fw/pri/act`, `fw/admin/sec/stby`. */
  promptName(context?: string): string;
  /**
   * Mutate the running configuration (licensing side effects are the device's business); `by` is
   * the session's user, for `show version`'s "Configuration last modified by" line.
   */
  configure(change: ConfigChange, by?: string): string | undefined;
  license(action: LicenseAction): Promise<string>;
  writeMemory(): Promise<string>;
  runningDiffersFromStartup(): boolean;
  reload(): Promise<void>;
  /** A unit of a failover pair: `active` or `standby`; undefined otherwise. */
  failoverState(): FailoverState | undefined;
  /**
   * `failover active` / `no failover active`: make this unit `wanted`, its mate the other state
   * (failover.ts); what to print ('' when nothing).
   */
  failover(wanted: FailoverState): string;
  nowText(): string;
  /** A banner's lines as the device shows them (`$(hostname)`, `$(domain)` filled in); [] when none. */
  banner(kind: BannerKind): string[];
}

export type ShowTopic =
  | 'license all'
  | 'license status'
  | 'license summary'
  | 'license features'
  | 'version'
  | 'running-config'
  | 'running-config license'
  | 'running-config call-home'
  | 'startup-config'
  | 'memory'
  | 'dir'
  | 'failover'
  | 'mode';

export type LicenseAction =
  | { kind: 'register'; idToken: string; force: boolean }
  | { kind: 'deregister' }
  | { kind: 'renew'; what: 'id' | 'auth' };

export type ConfigChange =
  | { kind: 'hostname'; name: string }
  | { kind: 'license-smart'; negated: boolean }
  | { kind: 'smart-lic'; setting: 'feature tier' | 'throughput level' | 'transport type'; value?: string }
  | { kind: 'transport-proxy'; host?: string; port?: number }
  | { kind: 'call-home'; negated: boolean }
  | { kind: 'call-home-proxy'; host?: string; port?: number }
  | { kind: 'profile'; name: string; negated: boolean }
  | { kind: 'profile-line'; profile: string; line: string; negated: boolean }
  | { kind: 'banner'; banner: BannerKind; text?: string };

/** The ASA's banners: `motd` on connecting, `login` before the login prompts, `exec` before the first prompt, `asdm` for ASDM. */
export const BANNER_KINDS = ['asdm', 'exec', 'login', 'motd'] as const;
export type BannerKind = (typeof BANNER_KINDS)[number];

export interface CommandContext {
  session: SessionState;
  device: DeviceForCli;
  /** Print output (paged when the pager is on). Lines are joined with the session's newline. */
  print(text: string): Promise<void>;
  /** Ask for a line (enable password, login, confirmations). */
  ask(prompt: string, echo?: EchoMode): Promise<string>;
  /** Ask for one key (`[confirm]`). */
  askKey(prompt: string): Promise<string>;
  /** End the session after this command. */
  logout(): void;
}

export type Handler = (
  ctx: CommandContext,
  args: Record<string, string>,
  negated: boolean,
) => Promise<void> | void;
