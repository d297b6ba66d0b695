import type { CommandModule } from 'yargs';
import { loadModel } from '../../model/load-model.ts';
import { modelHelp } from '../model-help.ts';

export const describeCommand: CommandModule<object, { model: string }> = {
  command: 'describe <model>',
  describe: 'Show a model: what it reproduces and every parameter with default, unit and meaning',
  builder: (y) => y.positional('model', { type: 'string', demandOption: true, describe: 'built-in model name or path to a model file' }),
  handler: async (argv) => {
    const model = await loadModel(argv.model);
    process.stdout.write(modelHelp(model, `sim run ${argv.model} [--flag value ...]`));
  },
};
