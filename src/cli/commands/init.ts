import type { CommandModule } from 'yargs';
import { scaffoldProject } from '../../init/scaffold-project.ts';
import { cliIo } from '../cli-io.ts';
import { buildArgs, usageOf } from '../command-spec.ts';
import { INIT_SPEC } from '../command-specs.ts';
import { simPackage } from '../sim-package.ts';

interface InitArgs {
  dir?: string;
  'sim-dependency'?: string;
}

export const initCommand: CommandModule<object, InitArgs> = {
  command: usageOf(INIT_SPEC),
  describe: INIT_SPEC.describe,
  builder: (y) => buildArgs(y, INIT_SPEC) as never,
  handler: (argv) => {
    const dir = argv.dir ?? '.';
    const pkg = simPackage();
    const files = scaffoldProject(dir, { simDependency: argv['sim-dependency'] ?? `^${pkg.version}`, typescript: pkg.typescript });
    const cd = dir === '.' ? '' : `  cd ${dir}\n`;
    cliIo().out(
      `Created ${files.length} files in ${dir === '.' ? 'this folder' : `${dir}/`}: ${files.join(', ')}\n\nNext:\n${cd}` +
        '  npm install\n' +
        '  npx sim run models/jobs.ts                # one run: summary, charts and report.html in reports/jobs/\n' +
        '  npx sim sweep experiments/workers.yaml    # workers x order rate, with confidence intervals\n' +
        '  npm test                                  # type-check the model, then sim check\n',
    );
  },
};
