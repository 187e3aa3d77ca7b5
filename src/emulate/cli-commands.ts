// The ASA commands this emulator understands, per mode, as command trees (command-tree.ts):
// exec commands in cli-exec.ts, configuration modes in cli-config.ts.

import type { Node } from './cli-builders.ts';
import {
  CALL_HOME_NO_ROOTS,
  CALL_HOME_ROOTS,
  CONFIG_NO_ROOTS,
  CONFIG_ROOTS,
  PROFILE_NO_ROOTS,
  PROFILE_ROOTS,
  SMART_LIC_NO_ROOTS,
  SMART_LIC_ROOTS,
} from './cli-config.ts';
import type { Mode } from './cli-context.ts';
import { EXEC_NO_ROOTS, EXEC_ROOTS, USER_ROOTS } from './cli-exec.ts';
import { type CliScope, scopedRoots } from './contexts.ts';

/**
 * Roots and `no` roots of each mode, as a session in `scope` sees them (multiple context mode:
 * contexts.ts; single mode lacks `changeto`).
 */
export function grammarFor(mode: Mode, scope: CliScope = 'single'): { roots: Node[]; noRoots?: Node[] } {
  const { roots, noRoots } = modeGrammar(mode);
  return {
    roots: scopedRoots(roots, scope),
    ...(noRoots ? { noRoots: scopedRoots(noRoots, scope) } : {}),
  };
}

function modeGrammar(mode: Mode): { roots: Node[]; noRoots?: Node[] } {
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

/**
 * Lines a sub-mode runs from its parent's grammar without leaving the sub-mode: show, write and
 * copy. The ASA runs show commands in every configuration mode and stays in the mode (`show run
 * license` in `(config-smart-lic)#`); that write and copy stay too is [assumed]. Any other line of
 * the parent's moves the session up (`call-home` from `(config-smart-lic)#`).
 */
export function keepsSubMode(words: readonly string[]): boolean {
  return words[0] === 'show' || words[0] === 'write' || words[0] === 'copy';
}
