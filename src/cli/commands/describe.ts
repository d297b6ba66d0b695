import type { CommandModule } from 'yargs';
import { loadModel } from '../../model/load-model.ts';
import { cliIo } from '../cli-io.ts';
import { buildArgs, usageOf } from '../command-spec.ts';
import { DESCRIBE_SPEC } from '../command-specs.ts';
import { modelHelp } from '../model-help.ts';

export const describeCommand: CommandModule<object, { model: string }> = {
  command: usageOf(DESCRIBE_SPEC),
  describe: DESCRIBE_SPEC.describe,
  builder: (y) => buildArgs(y, DESCRIBE_SPEC) as never,
  handler: async (argv) => {
    const model = await loadModel(argv.model);
    cliIo().out(modelHelp(model, `sim run ${argv.model} [--flag value ...]`));
  },
};
