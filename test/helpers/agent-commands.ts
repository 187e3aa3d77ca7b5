// The operator's licensing commands as fast-check operations on a core agent state, for the core's
// property tests (each adds its own driver runs and other operations beside these).

import fc from 'fast-check';
import { deregister, register, reload, renewNow } from '../../src/core/agent/commands.ts';
import type { AgentState } from '../../src/core/agent/state.ts';

/** `license smart register [force]`, `reload`, `license smart deregister`, `license smart renew id|auth`. */
export const commandOps = [
  fc.record({ kind: fc.constant('register' as const), force: fc.boolean() }),
  fc.record({ kind: fc.constant('reload' as const) }),
  fc.record({ kind: fc.constant('deregister' as const) }),
  fc.record({ kind: fc.constant('renew' as const), what: fc.constantFrom<'id' | 'auth'>('id', 'auth') }),
] as const;

export type CommandOp = (typeof commandOps)[number] extends fc.Arbitrary<infer T> ? T : never;

/** Run one command at the state's own time. */
export function applyCommand(s: AgentState, o: CommandOp): AgentState {
  const now = s.asOf;
  switch (o.kind) {
    case 'register':
      return register(s, 'tok', o.force, now);
    case 'reload':
      return reload(s, now);
    case 'deregister':
      return deregister(s, now);
    case 'renew':
      return renewNow(s, o.what, now);
  }
}
