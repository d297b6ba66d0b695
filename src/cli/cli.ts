import type { Argv, CommandModule } from 'yargs';
import { fsInputError, isSystemError } from '../files/fs-error.ts';
import { InputError } from '../input-error.ts';
import { type CliIo, processIo, withCliIo } from './cli-io.ts';
import { checkArgs, joinNegativeValues } from './command-spec.ts';
import { COMMAND_SPECS } from './command-specs.ts';
import { completionFor } from './completion.ts';
import { EXIT_BAD_INPUT, EXIT_INTERNAL } from './exit-codes.ts';
import { simPackage } from './sim-package.ts';

// Start-up time is part of the interface: `sim --version` and `sim list` answer in a fraction of
// a second because this module imports almost nothing. yargs is loaded once a command needs
// parsing, and a command's module (with everything it runs on: models, sweeps, charts) only
// when that command runs. The command line is held to the commands' specs (command-specs.ts,
// as light) before either.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command types its own arguments
type Command = CommandModule<object, any>;

/**
 * Every command, by name, with the module that defines it. A new command lives in
 * `commands/<name>.ts`, gets a line here and its arguments in command-specs.ts; nothing else
 * imports it.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  run: async () => (await import('./commands/run.ts')).runCommand,
  list: async () => (await import('./commands/list.ts')).listCommand,
  describe: async () => (await import('./commands/describe.ts')).describeCommand,
  sweep: async () => (await import('./commands/sweep.ts')).sweepCommand,
  merge: async () => (await import('./commands/merge.ts')).mergeCommand,
  check: async () => (await import('./commands/check.ts')).checkCommand,
  plan: async () => (await import('./commands/plan.ts')).planCommand,
  fit: async () => (await import('./commands/fit.ts')).fitCommand,
  schedule: async () => (await import('./commands/schedule.ts')).scheduleCommand,
  init: async () => (await import('./commands/init.ts')).initCommand,
};

/** The names of every command, in the order `sim --help` lists them. */
export const COMMAND_NAMES = Object.keys(COMMANDS);

/** yargs' flag for the completion script's requests (`sim --get-yargs-completions sim run …`). */
const COMPLETION_KEY = '--get-yargs-completions';

/**
 * Runs one sim command line (the words after `sim`) and returns its exit code: 0 done, 1 a
 * check failed, 2 bad usage or input (one line on stderr), 3 a bug in sim. Output goes to
 * `io`; nothing here exits the process, so tests run it in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  return withCliIo(io, async () => {
    try {
      await parse(joinNegativeValues(argv), io);
      return io.exitCode;
    } catch (e) {
      return report(e, io);
    }
  });
}

/**
 * The commands to register for these arguments: only the one being run (its module decides
 * its options and help), or all of them when none is named (`sim`, `sim --help`), so that
 * help lists them.
 */
async function commandsFor(args: readonly string[]): Promise<Command[]> {
  const completing = args[0] === COMPLETION_KEY;
  // While completing, args are the words typed so far: `sim`, the command, …, the current word.
  const words = completing ? args.slice(2, -1) : args;
  const name = words.find((a) => !a.startsWith('-'));
  if (name !== undefined && Object.hasOwn(COMMANDS, name)) return [await COMMANDS[name]!()];
  if (completing || name === 'completion') return [];
  return Promise.all(COMMAND_NAMES.map((n) => COMMANDS[n]!()));
}

async function parse(args: string[], io: CliIo): Promise<void> {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    io.out(`${simPackage().version}\n`);
    return;
  }
  const completing = args[0] === COMPLETION_KEY;
  if (!completing && args[0] !== 'completion') checkArgs(args, COMMAND_SPECS);
  // `sim run <model> --help` lists that model's parameters, which yargs cannot know up front.
  if (args[0] === 'run' && args[1] && !args[1].startsWith('-') && (args.includes('--help') || args.includes('-h'))) {
    const [{ loadModel }, { modelHelp }] = await Promise.all([import('../model/load-model.ts'), import('./model-help.ts')]);
    const model = await loadModel(args[1]);
    io.out(modelHelp(model, `sim run ${args[1]} [--seed N] [--duration D] [--out DIR] [--<param> V ...]`));
    return;
  }
  const [{ default: yargs }, commands, complete] = await Promise.all([import('yargs'), commandsFor(args), completing ? completionFor(args.slice(2), COMMAND_NAMES) : null]);
  let y: Argv = yargs(args)
    .scriptName('sim')
    .usage('sim: a deterministic discrete-event load simulator for background-job systems\n\nUsage: sim <command> [options]')
    .parserConfiguration({ 'camel-case-expansion': false, 'parse-numbers': false, 'parse-positional-numbers': false, 'boolean-negation': false, 'dot-notation': false });
  for (const c of commands) y = y.command(c);
  let help = '';
  await y
    .completion('completion', 'Print a shell completion script for bash, zsh or fish (by $SHELL): sim completion >> ~/.bashrc', complete ?? undefined)
    .demandCommand(1, `give a command: ${COMMAND_NAMES.join(', ')} (sim --help lists them)`)
    .strictCommands()
    .version(simPackage().version)
    .alias('version', 'V')
    .help()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      throw new InputError(msg.replace(/\n/g, ' '));
    })
    // With a callback yargs hands over what it would print (help, completions) instead.
    .parseAsync(args, {}, (_err, _argv, output) => {
      help = output;
    });
  if (help) io.out(`${help}\n`);
}

/** Prints `sim: <message>` as one line and returns the exit code (SIM_DEBUG=1 adds a bug's stack). */
function report(e: unknown, io: CliIo): number {
  const input = e instanceof InputError ? e : isSystemError(e) ? fsInputError(e) : null;
  if (input) {
    io.err(`sim: ${oneLine(input.message)}\n`);
    return EXIT_BAD_INPUT;
  }
  const msg = e instanceof Error ? e.message : String(e);
  io.err(`sim: internal error: ${oneLine(msg)} (a bug in sim; SIM_DEBUG=1 shows the stack)\n`);
  if (io.env.SIM_DEBUG && e instanceof Error) io.err(`${e.stack}\n`);
  return EXIT_INTERNAL;
}

function oneLine(text: string): string {
  return text.split('\n')[0]!.trim();
}
