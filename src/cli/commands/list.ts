import type { CommandModule } from 'yargs';
import { builtinModelNames, loadModel } from '../../model/load-model.ts';
import { cliIo } from '../cli-io.ts';
import { buildArgs, usageOf } from '../command-spec.ts';
import { LIST_SPEC } from '../command-specs.ts';

export const listCommand: CommandModule = {
  command: usageOf(LIST_SPEC),
  describe: LIST_SPEC.describe,
  builder: (y) => buildArgs(y, LIST_SPEC),
  handler: async () => {
    const io = cliIo();
    const models = await Promise.all(builtinModelNames().map((n) => loadModel(n)));
    const w = Math.max(...models.map((m) => m.name.length));
    for (const m of models) io.out(`${m.name.padEnd(w)}  ${m.summary}\n`);
    io.out(`\nsim describe <model> lists a model's parameters; sim run <model> runs it.\n`);
  },
};
