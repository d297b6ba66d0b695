import type { CommandModule } from 'yargs';
import { builtinModelIndex, builtinModelNames, loadModel } from '../../model/load-model.ts';
import { cliIo } from '../cli-io.ts';
import { buildArgs, usageOf } from '../command-spec.ts';
import { LIST_SPEC } from '../command-specs.ts';

/** One line per built-in model: its name and summary. */
export async function modelTable(): Promise<string> {
  const models = builtinModelIndex() ?? (await Promise.all(builtinModelNames().map((n) => loadModel(n))));
  const w = Math.max(...models.map((m) => m.name.length));
  return models.map((m) => `${m.name.padEnd(w)}  ${m.summary}\n`).join('');
}

export const listCommand: CommandModule = {
  command: usageOf(LIST_SPEC),
  describe: LIST_SPEC.describe,
  builder: (y) => buildArgs(y, LIST_SPEC),
  handler: async () => {
    cliIo().out(`${await modelTable()}\nsim describe <model> lists a model's parameters; sim run <model> runs it.\n`);
  },
};
