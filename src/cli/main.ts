import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { InputError } from '../input-error.ts';
import { loadModel } from '../model/load-model.ts';
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

async function main(args: string[]): Promise<void> {
  // `sim run <model> --help` lists that model's parameters, which yargs cannot know up front.
  if (args[0] === 'run' && args[1] && !args[1].startsWith('-') && (args.includes('--help') || args.includes('-h'))) {
    const model = await loadModel(args[1]);
    process.stdout.write(modelHelp(model, `sim run ${args[1]} [--seed N] [--duration D] [--out DIR] [--<param> V ...]`));
    return;
  }
  await yargs(args)
    .scriptName('sim')
    .usage('sim: a deterministic discrete-event load simulator for background-job systems\n\nUsage: sim <command> [options]')
    .parserConfiguration({ 'camel-case-expansion': false, 'parse-numbers': false, 'parse-positional-numbers': false, 'boolean-negation': false })
    .command(runCommand)
    .command(listCommand)
    .command(describeCommand)
    .command(sweepCommand)
    .command(mergeCommand)
    .command(checkCommand)
    .command(planCommand)
    .command(fitCommand)
    .command(scheduleCommand)
    .demandCommand(1, 'give a command: run, sweep, check, plan, merge, list, describe, fit, schedule (sim --help lists them)')
    .strictCommands()
    .version(false)
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

main(hideBin(process.argv)).catch(fail);
