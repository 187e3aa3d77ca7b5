// Reading an inventory through Ansible itself: `ansible-inventory -i INV --list` applies
// group_vars/, host_vars/, vault-encrypted files, inventory plugins and the user's ansible.cfg
// exactly as Ansible does; Ansible's own vault code turns the `!vault` values a device needs into
// plaintext with the user's own vault settings (ANSIBLE_VAULT_PASSWORD_FILE, vault_identity_list…).
// Both run in the caller's environment and working directory, where ansible.cfg is looked up.

import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { InputError } from '../../../errors.ts';
import { type AnsibleView, hostsUnder, type Vars, type VarValue } from './ansible-view.ts';
import type { InventoryGroup } from './model.ts';

export interface AnsibleRunOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Cloud inventory plugins can take a while; a stuck one must not hang the audit. */
const INVENTORY_TIMEOUT_MS = 120_000;
const VAULT_TIMEOUT_MS = 60_000;
/** `--list` of a large fleet is a few MiB; more than this is not an inventory we can hold. */
const MAX_LIST_BYTES = 64 * 1024 * 1024;
const MAX_STDERR_BYTES = 64 * 1024;

/** The executable `command` on the environment's PATH, if any. */
export function findOnPath(command: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const path = join(dir, command);
    try {
      accessSync(path, constants.X_OK);
      if (statSync(path).isFile()) return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Set when the tool was stopped (timeout, too much output) or could not start. */
  failure?: string;
}

function runTool(
  bin: string,
  args: string[],
  opts: AnsibleRunOptions & { input?: string; timeoutMs: number; maxBytes: number },
): Promise<ToolResult> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, {
      cwd: opts.cwd,
      env: { ...opts.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_FORCE_COLOR: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    let failure: string | undefined;
    const stop = (why: string) => {
      failure ??= why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(`no answer within ${opts.timeoutMs / 1000} s`), opts.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > opts.maxBytes) stop(`more than ${opts.maxBytes} bytes of output`);
      else out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_STDERR_BYTES) stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => {}); // a tool that exits without reading its input
    child.stdin.end(opts.input ?? '');
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout: '', stderr, failure: failure ?? error.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr, failure });
    });
  });
}

/**
 * Ansible's messages as one line each: `[WARNING]:`/`ERROR!` start a message, wrapped lines
 * continue it. The context Ansible quotes after a syntax error ("The offending line appears to
 * be: …") is dropped: it can be a line holding a password.
 */
export function ansibleMessages(stderr: string): { errors: string[]; warnings: string[] } {
  const messages: { kind: 'error' | 'warning'; text: string; closed: boolean }[] = [];
  for (const raw of stderr.split(/\r?\n/)) {
    const line = raw.trim();
    const warning = /^\[WARNING\]:\s*(.*)$/.exec(line);
    const error = /^ERROR!\s*(.*)$/.exec(line);
    if (warning || error) {
      messages.push({
        kind: error ? 'error' : 'warning',
        text: (warning ?? error)?.[1] ?? '',
        closed: false,
      });
      continue;
    }
    const last = messages.at(-1);
    if (!last || last.closed) continue;
    if (!line || /^The (offending line|error appears)/.test(line)) last.closed = true;
    else last.text += ` ${line}`;
  }
  const texts = (kind: 'error' | 'warning') => [
    ...new Set(messages.filter((m) => m.kind === kind).map((m) => m.text.replace(/\s+/g, ' ').trim())),
  ];
  return { errors: texts('error'), warnings: texts('warning') };
}

/** `{"__ansible_vault": …}` and `{"__ansible_unsafe": …}` as --list prints them, or a plain value. */
function varValue(value: unknown): VarValue {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    if (typeof o.__ansible_vault === 'string') return { value: null, vault: o.__ansible_vault };
    if (typeof o.__ansible_unsafe === 'string') return { value: o.__ansible_unsafe, unsafe: true };
  }
  return { value };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);

/** The output of `ansible-inventory --list` as the view both readers share. */
export function viewOfList(list: unknown): AnsibleView {
  if (!list || typeof list !== 'object' || Array.isArray(list)) throw new Error('not a JSON object');
  const top = new Map(Object.entries(list as Record<string, unknown>));
  const meta = top.get('_meta') as { hostvars?: Record<string, Record<string, unknown>> } | undefined;
  top.delete('_meta');
  const groups = new Map<string, InventoryGroup>();
  const group = (name: string) => {
    const g = groups.get(name) ?? { hosts: [], children: [] };
    groups.set(name, g);
    return g;
  };
  for (const [name, entry] of top) {
    const e = (entry ?? {}) as { hosts?: unknown; children?: unknown };
    const g = group(name);
    g.hosts.push(...strings(e.hosts));
    g.children.push(...strings(e.children));
    // --list leaves out groups with neither hosts nor children (an empty `ungrouped`).
    for (const c of g.children) group(c);
  }
  group('all');
  const hostvars = new Map(Object.entries(meta?.hostvars ?? {}));
  const hosts = new Map<string, { vars: Vars }>();
  for (const h of hostsUnder(groups)) {
    const vars = Object.entries(hostvars.get(h) ?? {}).map(([k, v]): [string, VarValue] => [k, varValue(v)]);
    hosts.set(h, { vars: new Map(vars) });
  }
  return { groups, hosts };
}

/** The inventory as `ansible-inventory -i FILE --list` resolves it. Throws InputError (one line). */
export async function listWithAnsible(
  bin: string,
  file: string,
  opts: AnsibleRunOptions,
): Promise<{ view: AnsibleView; warnings: string[] }> {
  const r = await runTool(bin, ['-i', file, '--list'], {
    ...opts,
    timeoutMs: INVENTORY_TIMEOUT_MS,
    maxBytes: MAX_LIST_BYTES,
  });
  const { errors, warnings } = ansibleMessages(r.stderr.split(file).join('the inventory'));
  if (r.failure || r.code !== 0) {
    const why = r.failure ?? (errors.join('; ') || `exit ${r.code}`);
    const parse = warnings.filter((w) => /\bparse\b/i.test(w));
    throw new InputError(
      'INVENTORY_ANSIBLE',
      `ansible-inventory could not read it: ${why}${parse.length ? ` (${parse.join('; ')})` : ''}`,
      { file },
    );
  }
  try {
    return {
      view: viewOfList(JSON.parse(r.stdout)),
      warnings: warnings.map((w) => `ansible-inventory: ${w}`),
    };
  } catch (cause) {
    throw new InputError(
      'INVENTORY_ANSIBLE',
      `ansible-inventory --list printed no inventory JSON (${(cause as Error).message.split('\n')[0]})`,
      { file },
      cause,
    );
  }
}

/**
 * Decrypts the JSON list of ciphertexts on stdin with Ansible's own vault code, the secrets set up
 * as ansible-inventory and ansible-vault set them up (ANSIBLE_VAULT_PASSWORD_FILE,
 * vault_password_file and vault_identity_list in ansible.cfg; never a prompt), and prints one
 * `{plain}` or `{error}` per ciphertext. One Python start for all values (a fleet with a vaulted
 * password per host costs one run, not one per host); plaintext only on our pipe, never on disk.
 */
const DECRYPT_PY = `
import json, sys
out = []
try:
    from ansible import constants as C
    from ansible.cli import CLI
    from ansible.parsing.dataloader import DataLoader
    from ansible.parsing.vault import VaultLib
    secrets = CLI.setup_vault_secrets(DataLoader(), vault_ids=list(C.DEFAULT_VAULT_IDENTITY_LIST), auto_prompt=False)
    problem = None if secrets else 'no vault password is configured (set ANSIBLE_VAULT_PASSWORD_FILE, or vault_password_file in ansible.cfg)'
except Exception as e:
    secrets, problem = None, (str(e).splitlines() or ['Ansible vault setup failed'])[0]
for text in json.load(sys.stdin):
    try:
        if problem: raise Exception(problem)
        out.append({'plain': VaultLib(secrets).decrypt(text.encode()).decode('utf-8', 'replace')})
    except Exception as e:
        out.append({'error': (str(e).splitlines() or ['decryption failed'])[0]})
json.dump(out, sys.stdout)
`;

/** The interpreter an installed Ansible command runs with (its `#!` line). */
function pythonOf(script: string): string[] {
  const head = readFileSync(script).subarray(0, 256).toString('utf8').split('\n')[0] ?? '';
  return head.startsWith('#!') ? head.slice(2).trim().split(/\s+/) : ['python3'];
}

/**
 * Decrypt `!vault` ciphertexts with the Python and the vault settings of the Ansible whose
 * `ansible-vault` is given. Without it (no Ansible installed) every one fails, saying so.
 */
export async function decryptWithAnsible(
  ansibleVault: string | undefined,
  ciphertexts: string[],
  opts: AnsibleRunOptions,
): Promise<Map<string, string | Error>> {
  const fail = (why: string) => new Map(ciphertexts.map((c) => [c, new Error(why)]));
  if (!ansibleVault)
    return fail('ansible-vault is not on PATH: install Ansible to read vault-encrypted values');
  const [python = 'python3', ...pre] = pythonOf(ansibleVault);
  const r = await runTool(python, [...pre, '-c', DECRYPT_PY], {
    ...opts,
    input: JSON.stringify(ciphertexts),
    timeoutMs: VAULT_TIMEOUT_MS,
    maxBytes: MAX_LIST_BYTES,
  });
  let answers: { plain?: unknown; error?: unknown }[] = [];
  try {
    answers = r.code === 0 && !r.failure ? JSON.parse(r.stdout) : [];
  } catch {
    // handled below: no answer for any of them
  }
  if (answers.length !== ciphertexts.length)
    return fail(
      `Ansible's vault code gave no answer (${r.failure ?? r.stderr.trim().split('\n').at(-1) ?? `exit ${r.code}`})`,
    );
  return new Map(
    ciphertexts.map((c, i) => {
      const a = answers[i];
      return [c, typeof a?.plain === 'string' ? a.plain : new Error(String(a?.error ?? 'decryption failed'))];
    }),
  );
}
