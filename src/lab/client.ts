// The CLI's side of the control API: find the running lab through `control.json` in the state
// folder and call it with the bearer token found there.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CONTROL_FILE, type ControlFile } from './control.ts';
import { LabControlError, LabNotRunningError } from './control-errors.ts';

/** `--state-dir`, else $SMARTLIC_LAB_DIR, else $XDG_STATE_HOME/smartlic/lab (~/.local/state/…). */
export function labStateDir(option: string | undefined, env: NodeJS.ProcessEnv): string {
  if (option) return option;
  if (env.SMARTLIC_LAB_DIR) return env.SMARTLIC_LAB_DIR;
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'smartlic', 'lab');
}

/** Read the control file, or throw LabNotRunningError. */
export function readControlFile(stateDir: string): ControlFile {
  const file = join(stateDir, CONTROL_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new LabNotRunningError(stateDir, `no ${CONTROL_FILE}`);
  }
  try {
    const parsed = JSON.parse(text) as ControlFile;
    if (typeof parsed.url !== 'string' || typeof parsed.token !== 'string') throw new Error('fields missing');
    return parsed;
  } catch (error) {
    throw new LabNotRunningError(stateDir, `${file} is damaged: ${(error as Error).message}`);
  }
}

/** True when a process with this pid exists (a stale control file names a dead one). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Call the control API; the API's own error message becomes a LabControlError line. */
export async function callLab<T>(
  stateDir: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const control = readControlFile(stateDir);
  let res: Response;
  try {
    res = await fetch(`${control.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${control.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new LabNotRunningError(stateDir, `control API at ${control.url} unreachable: ${cause}`);
  }
  const json = (await res.json().catch(() => ({}))) as { error?: { code?: unknown; message?: unknown } };
  if (!res.ok) throw new LabControlError(res.status, json.error);
  return json as T;
}
