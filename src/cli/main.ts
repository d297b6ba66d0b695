import type { Argv, CommandModule } from 'yargs';
import { InputError } from '../input-error.ts';
import { completionFor } from './completion.ts';
import { EXIT_BAD_INPUT, EXIT_INTERNAL } from './exit-codes.ts';
import { simPackage } from './sim-package.ts';

// Start-up time is part of the interface: `sim --version` and `sim list` answer in a fraction of
// a second because this module imports almost nothing. yargs is loaded once a command needs
// parsing, and a command's module (with everything it runs on: models, sweeps, charts) only
// when that command runs.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command types its own arguments
type Command = CommandModule<object, any>;

/**
 * Every command, by name, with the module that defines it. A new command lives in
 * `commands/<name>.ts` and gets a line here; nothing else imports it.
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
const COMMAND_NAMES = Object.keys(COMMANDS);

/** yargs' flag for the completion script's requests (`sim --get-yargs-completions sim run …`). */
const COMPLETION_KEY = '--get-yargs-completions';

/** Prints `sim: <message>` and exits: one line, no stack trace (SIM_DEBUG=1 shows it for bugs). */
function fail(e: unknown): never {
  if (e instanceof InputError) {
    process.stderr.write(`sim: ${e.message}\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`sim: internal error: ${msg.split('\n')[0]} (SIM_DEBUG=1 shows the stack)\n`);
  if (process.env.SIM_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(EXIT_INTERNAL);
}

/**
 * The commands to register for these arguments: only the one being run (its module decides
 * its options and help), or all of them when none is named (`sim`, `sim --help`, a misspelt
 * command), so that help lists them and yargs can reject an unknown one.
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

async function main(args: string[]): Promise<void> {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${simPackage().version}\n`);
    return;
  }
  // `sim run <model> --help` lists that model's parameters, which yargs cannot know up front.
  if (args[0] === 'run' && args[1] && !args[1].startsWith('-') && (args.includes('--help') || args.includes('-h'))) {
    const [{ loadModel }, { modelHelp }] = await Promise.all([import('../model/load-model.ts'), import('./model-help.ts')]);
    const model = await loadModel(args[1]);
    process.stdout.write(modelHelp(model, `sim run ${args[1]} [--seed N] [--duration D] [--out DIR] [--<param> V ...]`));
    return;
  }
  const [{ default: yargs }, commands, complete] = await Promise.all([
    import('yargs'),
    commandsFor(args),
    args[0] === COMPLETION_KEY ? completionFor(args.slice(2), COMMAND_NAMES) : null,
  ]);
  let y: Argv = yargs(args)
    .scriptName('sim')
    .usage('sim: a deterministic discrete-event load simulator for background-job systems\n\nUsage: sim <command> [options]')
    .parserConfiguration({ 'camel-case-expansion': false, 'parse-numbers': false, 'parse-positional-numbers': false, 'boolean-negation': false });
  for (const c of commands) y = y.command(c);
  await y
    .completion('completion', 'Print a shell completion script for bash, zsh or fish (by $SHELL): sim completion >> ~/.bashrc', complete ?? undefined)
    .demandCommand(1, `give a command: ${COMMAND_NAMES.join(', ')} (sim --help lists them)`)
    .strictCommands()
    .version(simPackage().version)
    .alias('version', 'V')
    .help()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      const unknown = /^Unknown arguments?: (.*)$/.exec(msg);
      if (unknown) throw new InputError(`unknown command or option '${unknown[1]}'; sim --help lists the commands`);
      throw new InputError(msg.replace(/\n/g, ' '));
    })
    .parseAsync();
}

main(process.argv.slice(2)).catch(fail);
