import yargs from 'yargs';
import { isSystemError, fsInputError } from '../files/fs-error.ts';
import { InputError } from '../input-error.ts';
import { loadModel } from '../model/load-model.ts';
import { type CliIo, processIo, withCliIo } from './cli-io.ts';
import { checkArgs, joinNegativeValues } from './command-spec.ts';
import { COMMAND_SPECS } from './command-specs.ts';
import { checkCommand } from './commands/check.ts';
import { describeCommand } from './commands/describe.ts';
import { fitCommand } from './commands/fit.ts';
import { listCommand } from './commands/list.ts';
import { mergeCommand } from './commands/merge.ts';
import { planCommand } from './commands/plan.ts';
import { runCommand } from './commands/run.ts';
import { scheduleCommand } from './commands/schedule.ts';
import { sweepCommand } from './commands/sweep.ts';
import { EXIT_BAD_INPUT, EXIT_INTERNAL } from './exit-codes.ts';
import { modelHelp } from './model-help.ts';

/**
 * Runs one sim command line (without `node sim`) and returns its exit code: 0 done, 1 a check
 * failed, 2 bad usage or input (one line on stderr), 3 a bug in sim. Output goes to `io`;
 * nothing here exits the process, so tests run it in-process.
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

async function parse(args: string[], io: CliIo): Promise<void> {
  checkArgs(args, COMMAND_SPECS);
  // `sim run <model> --help` lists that model's parameters, which yargs cannot know up front.
  if (args[0] === 'run' && args[1] && !args[1].startsWith('-') && (args.includes('--help') || args.includes('-h'))) {
    const model = await loadModel(args[1]);
    io.out(modelHelp(model, `sim run ${args[1]} [--seed N] [--duration D] [--out DIR] [--<param> V ...]`));
    return;
  }
  let help = '';
  await yargs(args)
    .scriptName('sim')
    .usage('sim: a deterministic discrete-event load simulator for background-job systems\n\nUsage: sim <command> [options]')
    .parserConfiguration({ 'camel-case-expansion': false, 'parse-numbers': false, 'parse-positional-numbers': false, 'boolean-negation': false, 'dot-notation': false })
    .command(runCommand)
    .command(listCommand)
    .command(describeCommand)
    .command(sweepCommand)
    .command(mergeCommand)
    .command(checkCommand)
    .command(planCommand)
    .command(fitCommand)
    .command(scheduleCommand)
    .demandCommand(1, `give a command: ${COMMAND_SPECS.map((c) => c.name).join(', ')} (sim --help lists them)`)
    .strictCommands()
    .version(false)
    .help()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      throw new InputError(msg.replace(/\n/g, ' '));
    })
    // With a callback yargs hands over --help's text instead of printing it.
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

