// Multiple context mode on the emulated ASA: the system context and the user contexts a session
// moves between with `changeto`, and what each lets a session type. On an ASA, Smart Licensing is
// configured in the system execution space (ASA general operations configuration guide, licensing
// in multiple context mode), and a user context's `show version` prints its version with
// `<context>` and heads its features "Licensed features for this user context:" (ntc-templates'
// cisco_asa_show_version2 capture, FPR4K-SM-12 9.8(3)21; not in test/fixtures). What a user
// context answers for the licensing commands is not in our sources: here they do not exist there,
// so typing them gives the ASA's caret error, as any command the context lacks [assumed].
// `changeto` exists only in multiple mode; a login lands in the admin context (the first one
// listed), as on an ASA managed through its admin context.

import { noSuchContext } from '../text/index.ts';
import { arg, kw, type Node, WORD } from './cli-builders.ts';
import type { DeviceForCli, Handler, SessionState } from './cli-context.ts';

/** Which commands a session can type: single context mode, the system context, a user context. */
export type CliScope = 'single' | 'system' | 'user';

export const SYSTEM_CONTEXT = 'system';

export function scopeOf(device: Pick<DeviceForCli, 'contextNames'>, session: SessionState): CliScope {
  if (!device.contextNames()) return 'single';
  return session.context === undefined || session.context === SYSTEM_CONTEXT ? 'system' : 'user';
}

/** Where a new session starts: the admin context in multiple mode, nowhere in single mode. */
export function landingContext(device: Pick<DeviceForCli, 'contextNames'>): string | undefined {
  return device.contextNames()?.[0];
}

/** The command paths a scope does not have (words as the command tree spells them). */
const MISSING: Record<CliScope, readonly (readonly string[])[]> = {
  single: [['changeto']],
  system: [],
  user: [
    // Failover is run from the system execution space (ASA configuration guide, failover in
    // multiple context mode); `show failover` is left to every context.
    ['failover'],
    ['license'],
    ['call-home'],
    ['hostname'],
    ['show', 'license'],
    ['show', 'running-config', 'license'],
    ['show', 'running-config', 'call-home'],
  ],
};

function prune(nodes: Node[], paths: readonly (readonly string[])[]): Node[] {
  const out: Node[] = [];
  for (const node of nodes) {
    const here = paths.filter((p) => p[0] === node.word);
    if (here.some((p) => p.length === 1)) continue;
    if (here.length === 0 || !node.children) {
      out.push(node);
      continue;
    }
    out.push({
      ...node,
      children: prune(
        node.children,
        here.map((p) => p.slice(1)),
      ),
    });
  }
  return out;
}

const pruned = new WeakMap<Node[], Map<CliScope, Node[]>>();

/** A mode's command tree as a session in `scope` sees it (computed once per tree and scope). */
export function scopedRoots(roots: Node[], scope: CliScope): Node[] {
  if (MISSING[scope].length === 0) return roots;
  let byScope = pruned.get(roots);
  if (!byScope) {
    byScope = new Map();
    pruned.set(roots, byScope);
  }
  let out = byScope.get(scope);
  if (!out) {
    out = prune(roots, MISSING[scope]);
    byScope.set(scope, out);
  }
  return out;
}

const changeToContext: Handler = async (ctx, args) => {
  const name = args.name ?? '';
  const known = ctx.device.contextNames()?.find((c) => c.toLowerCase() === name.toLowerCase());
  if (!known) return ctx.print(noSuchContext(name));
  ctx.session.context = known;
};

/** `changeto system` and `changeto context NAME` (privileged exec, multiple context mode). */
export const CHANGETO: Node = kw('changeto', 'Change mode to system or context', {
  children: [
    kw('context', 'Change mode to context', {
      children: [arg(WORD('Context name', 'name'), { run: changeToContext })],
    }),
    kw(SYSTEM_CONTEXT, 'Change mode to system', {
      run: (ctx) => {
        ctx.session.context = SYSTEM_CONTEXT;
      },
    }),
  ],
});
