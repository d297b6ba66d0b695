import type { CommandModule } from 'yargs';
import { scaffoldProject } from '../../init/scaffold-project.ts';
import { simPackage } from '../sim-package.ts';

interface InitArgs {
  dir?: string;
  'sim-dependency'?: string;
}

export const initCommand: CommandModule<object, InitArgs> = {
  command: 'init [dir]',
  describe: 'Create a project for a model of your own system: a model, an experiment, a check file, a GitHub Actions workflow, a README',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', describe: 'a new or empty folder (default: the current folder)' })
      .option('sim-dependency', {
        type: 'string',
        describe: "what the new package.json depends on for sim: a version range, a tarball or a git URL (default ^<this sim's version>)",
      }) as never,
  handler: (argv) => {
    const dir = argv.dir ?? '.';
    const pkg = simPackage();
    const files = scaffoldProject(dir, { simDependency: argv['sim-dependency'] ?? `^${pkg.version}`, typescript: pkg.typescript });
    const cd = dir === '.' ? '' : `  cd ${dir}\n`;
    process.stdout.write(
      `Created ${files.length} files in ${dir === '.' ? 'this folder' : `${dir}/`}: ${files.join(', ')}\n\nNext:\n${cd}` +
        '  npm install\n' +
        '  npx sim run models/jobs.ts                # one run: summary, charts and report.html in reports/jobs/\n' +
        '  npx sim sweep experiments/workers.yaml    # workers x order rate, with confidence intervals\n' +
        '  npm test                                  # type-check the model, then sim check\n',
    );
  },
};
