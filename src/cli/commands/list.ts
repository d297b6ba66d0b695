import type { CommandModule } from 'yargs';
import { builtinModelNames, loadModel } from '../../model/load-model.ts';

/** One line per built-in model: its name and summary. */
export async function modelTable(): Promise<string> {
  const models = await Promise.all(builtinModelNames().map((n) => loadModel(n)));
  const w = Math.max(...models.map((m) => m.name.length));
  return models.map((m) => `${m.name.padEnd(w)}  ${m.summary}\n`).join('');
}

export const listCommand: CommandModule = {
  command: 'list',
  describe: 'List the built-in models',
  handler: async () => {
    process.stdout.write(`${await modelTable()}\nsim describe <model> lists a model's parameters; sim run <model> runs it.\n`);
  },
};
