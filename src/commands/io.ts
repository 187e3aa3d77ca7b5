// What a command may touch of the outside world: its streams, environment and working
// folder. Every `src/commands/*.ts` exports `run(args, opts, io)`; src/cli.ts builds the one
// `CommandIo` from the process. It lives here, not in cli.ts, so that commands (and the modules
// they call) do not import the entry point that lazily imports them.

export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** What the user types (a confirmation); absent where nobody can answer. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}
