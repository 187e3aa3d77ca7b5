// The CLI entry: parse arguments, dispatch to a lazily imported command, map errors to one line
// and an exit status. No business logic lives here (docs/ARCHITECTURE.md, "Shape").
//
// Each command module exports `run(args, opts, io)` and returns an exit status.
// Exit statuses (`EXIT` in src/errors.ts, docs/exit-status.md): 0 nothing worse than info,
// 1 warning, 2 critical, 3 some device could not be checked, 4 the run could not proceed,
// 64 usage, 70 a bug, 130 interrupted.
//
// `main()` is the whole program: bin/smartlic.js (installed, compiled) calls it with no arguments;
// `npm run smartlic` runs this file through tsx; tests call it with their own argv and streams.

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { unknownOutput } from './check/plugin-output.ts';
import type { CommandIo } from './commands/io.ts';
import { asSmartlicError, EXIT, ExitError } from './errors.ts';
import { packageVersion } from './installation.ts';
import { nativeModuleError } from './native-modules.ts';

// biome-ignore lint/suspicious/noExplicitAny: command options are validated inside each command module.
type Options = Record<string, any>;
type CommandModule = { run(args: string[], opts: Options, io: CommandIo): Promise<number> };

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function buildProgram(io: CommandIo, setExit: (code: number) => void): Command {
  const program = new Command('smartlic')
    .description('Cisco ASA Smart Licensing you can run, watch and predict')
    .version(packageVersion())
    .showHelpAfterError()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();

  const dispatch =
    (load: () => Promise<CommandModule>) =>
    async (...actionArgs: unknown[]) => {
      // commander passes (…positionals, options, command)
      const command = actionArgs.at(-1) as Command;
      const opts = command.opts();
      const positionals = (actionArgs.slice(0, -2) as (string | string[] | undefined)[]).flatMap((a) =>
        a === undefined ? [] : Array.isArray(a) ? a : [a],
      );
      const mod = await load();
      setExit(await mod.run(positionals, opts, io));
    };

  // Option groups shared by several commands: the history store (history reads it; audit and fix
  // record in it), how host keys are checked (audit, fix, check), how a fleet is reached over SSH
  // (audit, fix; check keeps -c for --critical), the time a snapshot is evaluated at.
  const historyDb = (c: Command) =>
    c.option(
      '--db <file|url>',
      'history store: a SQLite file or postgres://… (default: $SMARTLIC_DB, else ~/.local/share/smartlic/history.db)',
    );
  const recording = (c: Command, what: string) =>
    historyDb(c)
      .option('--collector <name>', `who records this ${what} in the history (default: this host name)`)
      .option('--no-history', `do not record this ${what}`);
  const hostKeys = (c: Command) =>
    c
      .option('--known-hosts <file>', 'OpenSSH known_hosts file used to verify host keys')
      .option('--accept-new', 'accept and record unknown host keys (first use)');
  const overSsh = (c: Command) =>
    hostKeys(c)
      .option('-c, --concurrency <n>', 'devices worked on at once', '20')
      .option('--timeout <seconds>', 'per-device timeout (fix: per step; a change is never cut)', '30');
  const evaluatedAt = (c: Command) =>
    c.option(
      '--now <iso>',
      'evaluate the snapshot at this time (ISO-8601), or "device" for each device’s show clock',
    );
  const LIMIT = 'Ansible host pattern, e.g. asa:!fw3 (groups, globs, !, &)';

  program
    .command('parse')
    .description('parse saved ASA outputs or session logs (show license …, show version, running-config)')
    .argument('<files...>', 'files holding one output or a whole session log')
    .option('--json', 'print the documented JSON structure')
    .action(dispatch(() => import('./commands/parse.ts')));

  const audit = program
    .command('audit')
    .description('diagnose ASAs (over SSH or from saved files), predict feature loss, print the fix')
    .option('-i, --inventory <file>', 'inventory: smartlic YAML or any Ansible inventory')
    .option('--from <paths...>', 'audit saved outputs (a folder per device, or one file per device)');
  evaluatedAt(audit)
    .option('--json', 'print the JSON report')
    .option('--summary', 'text output: the fleet summary and one line per device (no fixes in full)')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--prometheus <file>', 'write node_exporter textfile metrics')
    .option('--save-raw <dir>', 'keep what was collected, for later offline audits');
  recording(audit, 'audit');
  overSsh(audit)
    .option('-l, --limit <pattern>', LIMIT)
    .action(dispatch(() => import('./commands/audit.ts')));

  const check = program
    .command('check')
    .description(
      'monitoring plugin (Nagios/Icinga): one status line, per-device long output, perfdata; exit 0/1/2/3',
    )
    .option('-i, --inventory <file>', 'inventory: smartlic YAML or an Ansible YAML/INI inventory')
    .option('--from <paths...>', 'check saved outputs (a folder per device, or one file per device)')
    .option(
      '-w, --warning <range>',
      'warn when days to a deadline fall in this range, e.g. 30: (fewer than 30 days)',
    )
    .option('-c, --critical <range>', 'critical when days to a deadline fall in this range, e.g. 7:');
  evaluatedAt(check).option('-l, --limit <pattern>', 'only devices whose name matches');
  hostKeys(check)
    .option('--concurrency <n>', 'devices checked at once', '20')
    .option('-t, --timeout <seconds>', 'per-device timeout', '30')
    .action(dispatch(() => import('./commands/check.ts')));

  const fix = program
    .command('fix')
    .description('plan, apply, verify and roll back the licensing transport fix, device by device')
    .option('-i, --inventory <file>', 'inventory: smartlic YAML or any Ansible inventory')
    .option('-l, --limit <pattern>', LIMIT)
    .option(
      '--from-audit <json>',
      'plan from a saved `smartlic audit --json` (applying re-reads each device)',
    )
    .option(
      '--strategy <name>',
      'callhome, proxy (with --proxy), smart or renew (default: per device, from its diagnosis)',
    )
    .option('--proxy <host:port>', 'the HTTP proxy of --strategy proxy')
    .option('--apply', 'make the changes (asks first unless --yes)')
    .option('-y, --yes', 'apply without asking')
    .option('--no-write', 'do not write memory after a verified renewal')
    .option('--verify-timeout <seconds>', 'how long to wait for the renewal before rolling back', '120')
    .option('--poll <seconds>', 'how often to read show license all while verifying', '5')
    .option('--ansible <file>', 'write the plan as an Ansible playbook (cisco.asa)')
    .option('--json', 'print the JSON report');
  recording(fix, 'run');
  overSsh(fix).action(dispatch(() => import('./commands/fix.ts')));

  const history = program
    .command('history')
    .description('how each device’s licensing state and deadlines moved between audits')
    .argument('[device]', 'one device');
  historyDb(history)
    .option('--json', 'print JSON')
    .option('--export [file]', 'write the whole history as JSON lines (to FILE, else stdout)')
    .option('--import <file>', 'add the audits of an --export file (ones already there are skipped)')
    .action(dispatch(() => import('./commands/history.ts')));

  program
    .command('probe')
    .description('can this network reach the licensing endpoints, directly or through a proxy?')
    .argument('[urls...]', 'URLs to test (default: the Smart Transport and Call Home URLs)')
    .option('--proxy <url>', 'HTTP proxy, e.g. http://proxy.example:3128')
    .option('--resolve <host:addr>', 'resolve HOST to ADDR (repeatable)', collect, [])
    .option('--dns-server <addr>', "ask this name-server (e.g. the ASA's) instead of this host's resolver")
    .option('--ca <file>', 'extra CA certificate(s) to trust (PEM)')
    .option('--timeout <seconds>', 'per-step timeout', '10')
    .option('--json', 'print JSON')
    .action(dispatch(() => import('./commands/probe.ts')));

  program
    .command('emulate')
    .description('run emulated ASAs over SSH from a lab file (devices only; `lab up` adds the authority)')
    .argument('[lab]', 'lab YAML file')
    .option('--state-dir <dir>', 'where host keys and saved configs live')
    .action(dispatch(() => import('./commands/emulate.ts')));

  const lab = program
    .command('lab')
    .description('run and drive a lab: License Authority, devices, clock, network');
  // Each lab verb is a `run`-shaped export of lab.ts with the verb's name.
  const labCommand = (verb: keyof typeof import('./commands/lab.ts'), description: string) =>
    lab
      .command(verb)
      .description(description)
      .option('--state-dir <dir>', 'the lab state folder (holds the control token)')
      .action(dispatch(() => import('./commands/lab.ts').then((m) => ({ run: m[verb] }))));
  labCommand('up', 'start a lab (built-in when no file is given)')
    .argument('[lab]', 'lab YAML file')
    .option('--detach', 'return once the lab is up (it keeps running in the background)');
  labCommand('status', 'devices, clock and network policy').option('--json', 'print JSON');
  labCommand('clock', 'show, set or advance the virtual clock')
    .option('--set <iso>', 'set the clock')
    .option('--advance <duration>', 'advance the clock, e.g. 30d, 12h, 90m')
    .option('--speed <factor>', 'run the clock at this multiple of real time');
  labCommand('block', 'block a host (or host:port) for one device or all')
    .argument('<target>', 'host or host:port')
    .option('-d, --device <name>', 'only this device')
    .option('--mode <mode>', 'drop (timeout) or reject (refused)', 'drop');
  labCommand('unblock', 'allow a host again')
    .argument('<target>', 'host or host:port')
    .option('-d, --device <name>', 'only this device');
  labCommand('reload', 'reload a device').argument('<device>', 'device name');
  labCommand('failover', "make a failover pair's unit active (failover active)").argument(
    '<unit>',
    'unit name',
  );
  labCommand('token', 'mint an ID token')
    .option('--virtual-account <name>', 'virtual account')
    .option('--uses <n>', 'how many registrations it allows')
    .option('--expires <duration>', 'validity, e.g. 30d');
  labCommand('down', 'stop the lab');

  program
    .command('demo')
    .description('start the built-in lab, audit it over SSH, print the fleet table and write report.html')
    .option('--html <file>', 'report file', 'report.html')
    .option('--prometheus <file>', 'also write the node_exporter textfile metrics')
    .option('--json', 'print the JSON report instead of the table')
    .action(dispatch(() => import('./commands/demo.ts')));

  return program;
}

/** This process's own streams; a reader that goes away (`smartlic … | head`) ends it quietly. */
function processIo(): CommandIo {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
}

export async function main(
  argv: string[] = process.argv.slice(2),
  io: CommandIo = processIo(),
): Promise<number> {
  // A monitoring plugin exits 0-3 only: its usage errors and failures are UNKNOWN (3), with the
  // one status line the monitoring system shows (docs/exit-status.md).
  const plugin = argv[0] === 'check';
  const failed = (status: number, why: string) => {
    if (!plugin) return status;
    io.stdout.write(unknownOutput(why.trim()));
    return EXIT.UNKNOWN;
  };
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with code 0.
      return error.exitCode === 0 ? EXIT.OK : failed(EXIT.USAGE, error.message);
    }
    if (error instanceof ExitError) return error.exitCode;
    const known = nativeModuleError(error) ?? asSmartlicError(error);
    if (known) {
      io.stderr.write(`smartlic: ${known.oneLine()}\n`);
      return failed(known.exitCode, known.oneLine());
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`smartlic: internal error (this is a bug, please report it)\n${detail}\n`);
    return failed(EXIT.INTERNAL, 'internal error (a bug, please report it)');
  }
}

// Run directly (`tsx src/cli.ts`, `node dist/cli.js`): be the program. Imported (bin, tests): not.
const entry = process.argv[1];
if (entry !== undefined && realpathOrSelf(entry) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
