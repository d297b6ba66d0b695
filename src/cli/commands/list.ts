import type { CommandModule } from 'yargs';
import { builtinModelNames, loadModel } from '../../model/load-model.ts';

export const listCommand: CommandModule = {
  command: 'list',
  describe: 'List the built-in models',
  handler: async () => {
    const models = await Promise.all(builtinModelNames().map((n) => loadModel(n)));
    const w = Math.max(...models.map((m) => m.name.length));
    for (const m of models) process.stdout.write(`${m.name.padEnd(w)}  ${m.summary}\n`);
    process.stdout.write(`\nsim describe <model> lists a model's parameters; sim run <model> runs it.\n`);
  },
};
