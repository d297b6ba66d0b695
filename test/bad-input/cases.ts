import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { codeHash } from '../../src/sweep/code-hash.ts';
import type { Experiment } from '../../src/sweep/experiment.ts';
import { shardFileText } from '../../src/sweep/shard-file.ts';
import { jobCount } from '../../src/sweep/sweep-plan.ts';
import { FIXTURES } from './harness.ts';

/**
 * One bad command line: it must exit with code 2, print exactly one line on stderr starting
 * `sim: ` and matching `stderr`, and leave the working directory as `setup` made it.
 */
export interface BadInput {
  readonly name: string;
  readonly args: readonly string[];
  readonly stderr: RegExp;
  /** What stdout must hold. @default nothing */
  readonly stdout?: RegExp;
  /** Files the command finds in its (fresh, empty) working directory. */
  readonly setup?: (work: string) => void;
  readonly env?: Record<string, string | undefined>;
  /** Also run as a real process, under the time and memory bounds; 'only': not in-process (it starts worker threads). */
  readonly spawn?: boolean | 'only';
}

const model = (name: string) => join(FIXTURES, `${name}.ts`);
const write = (file: string, text: string) => (work: string) => writeFileSync(join(work, file), text);
const NINES = '9'.repeat(400);
const EXP = 'model: mm-c\nduration: 2m\nparams:\n  service-time: 100ms\ngrid:\n  servers: [10, 12]\n';
const CHECKS = `model: mm-c\nduration: 2m\ngrid:\n  servers: [10, 12]\nchecks:\n  - expect: wait_mean_s < 1\n`;

/** An alias bomb: each level repeats the one before ten times (10^9 leaves). */
function aliasBomb(): string {
  const lines = ['model: mm-c', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\ngrid:\n  servers: [10]\n`;
}

/** A valid shard output of EXP (made-up metrics), to damage one field at a time. */
export interface ShardSource {
  exp: Experiment;
}

function shardDirs(src: ShardSource, damage: (text: string, i: number) => string = (t) => t, count = 2) {
  return (work: string) => {
    const { plan, modelFile } = src.exp;
    const code = codeHash(modelFile);
    for (let i = 1; i <= count; i++) {
      const runs = [];
      for (let j = 0; j < jobCount(plan); j++) if (j % count === i - 1) runs.push({ index: j, metrics: { wait_mean_s: 0.01 * (j + 1), customers: 100 + j } });
      mkdirSync(join(work, `s${i}`));
      writeFileSync(join(work, `s${i}`, 'shard.json'), damage(shardFileText({ shard: { index: i, count }, code, plan, runs }), i));
    }
  };
}

export function badInputs(shards: ShardSource): BadInput[] {
  const damageFirst = (from: string | RegExp, to: string) => shardDirs(shards, (t, i) => (i === 1 ? t.replace(from, to) : t));
  return [
    // --- commands and options every command shares
    { name: 'no command', args: [], stderr: /^sim: give a command: run, list/ },
    { name: 'an unknown command', args: ['frobnicate'], stderr: /^sim: unknown command 'frobnicate'; the commands are: run, list, describe, sweep, merge, check, plan, fit, schedule, init$/ },
    { name: 'a misspelt command', args: ['rnu', 'mm-c'], stderr: /^sim: unknown command 'rnu' \(did you mean run\?\)/ },
    { name: 'an option before any command', args: ['--bogus'], stderr: /^sim: unknown option --bogus; options come after a command/ },
    { name: 'list with an unknown option', args: ['list', '--bogus'], stderr: /^sim: unknown option --bogus for sim list; its options are: none$/ },
    { name: 'list with an argument', args: ['list', 'mm-c'], stderr: /^sim: unexpected argument 'mm-c' for sim list, which takes no arguments/ },
    { name: 'describe without a model', args: ['describe'], stderr: /^sim: sim describe needs <model>/ },
    { name: 'describe an unknown model', args: ['describe', 'mm-d'], stderr: /^sim: unknown model 'mm-d' \(did you mean mm-c\?\); built-in models: / },
    { name: 'describe with two models', args: ['describe', 'mm-c', 'retry-storm'], stderr: /^sim: unexpected argument 'retry-storm' for sim describe, which takes one argument \(<model>\)/ },
    { name: 'describe with an unknown option', args: ['describe', 'mm-c', '--verbose'], stderr: /^sim: unknown option --verbose for sim describe; its options are: none$/ },

    // --- run: the model and its parameters
    { name: 'run without a model (the models are listed on stdout)', args: ['run'], stdout: /^Built-in models:\nbatch-scale-up /, stderr: /^sim: give a model to run: sim run <model> \(one of the above\) or sim run path\/to\/model.ts$/ },
    { name: 'run an unknown model', args: ['run', 'no-such-model'], stderr: /^sim: unknown model 'no-such-model'; built-in models: .*mm-c/ },
    { name: 'run a misspelt model', args: ['run', 'thundering-hed'], stderr: /^sim: unknown model 'thundering-hed' \(did you mean thundering-herd\?\)/ },
    { name: 'run a 300-character model name', args: ['run', 'm'.repeat(300)], stderr: /^sim: unknown model 'm{20}…\(300 characters\)'/ },
    { name: 'run a model file that does not exist', args: ['run', './missing-model.ts'], stderr: /^sim: model file '.\/missing-model.ts' does not exist$/ },
    { name: 'run a directory as a model file', args: ['run', FIXTURES], stderr: /is not a file; give a .ts or .js model file$/ },
    { name: 'run a file that exports no model', args: ['run', './not-a-model.mts'], setup: write('not-a-model.mts', 'export const x = 1;\n'), stderr: /does not export a model; export default defineModel/ },
    { name: 'run a model file with a syntax error', args: ['run', './broken.mts'], setup: write('broken.mts', 'export default {{\n'), stderr: /^sim: could not load model file '.\/broken.mts': / },
    { name: 'run a model file whose import is missing', args: ['run', './broken-import.ts'], setup: write('broken-import.ts', "import { defineModel } from './no-such-module.ts';\nexport default defineModel;\n"), stderr: /^sim: could not load model file '.\/broken-import\.ts': Cannot find module/, spawn: 'only' },
    { name: 'an unknown parameter', args: ['run', 'mm-c', '--bogus', '3'], stderr: /^sim: unknown parameter --bogus for model mm-c; its parameters are: --arrival-rate, --service-time, --servers$/ },
    { name: 'a misspelt flag of run', args: ['run', 'mm-c', '--durtion', '5m'], stderr: /^sim: unknown parameter --durtion for model mm-c \(did you mean --duration\?\)/ },
    { name: 'a misspelt parameter', args: ['run', 'mm-c', '--server', '5'], stderr: /^sim: unknown parameter --server for model mm-c \(did you mean --servers\?\)/ },
    { name: 'a short option', args: ['run', 'mm-c', '-x'], stderr: /^sim: unknown option -x for sim run/ },
    { name: 'an extra argument', args: ['run', 'mm-c', 'retry-storm'], stderr: /^sim: unexpected argument 'retry-storm' for sim run, which takes one argument \(<model>\)/ },
    { name: 'a malformed duration', args: ['run', 'mm-c', '--duration', '15x'], stderr: /^sim: --duration: malformed duration '15x'; use a number with a unit/ },
    { name: 'a negative duration', args: ['run', 'mm-c', '--duration', '-5m'], stderr: /^sim: --duration: -5m is negative; a duration must be >= 0$/ },
    { name: 'a zero duration', args: ['run', 'mm-c', '--duration', '0'], stderr: /^sim: --duration must be longer than 0/ },
    { name: 'a duration of 400 nines', args: ['run', 'mm-c', '--duration', NINES], stderr: /^sim: --duration: '9{20}…\(400 characters\)' is too large to be a duration/, spawn: true },
    { name: 'a run of a hundred years', args: ['run', 'silent-backlog', '--duration', '36500d'], stderr: /^sim: --duration 36500d is 10,512,000 metric buckets of 5m for model silent-backlog, more than the limit of 10,000 \(34d17h20m\); shorten the run, or raise --max-buckets$/, spawn: true },
    { name: 'an arrival rate of a billion per second', args: ['run', 'mm-c', '--arrival-rate', '1000000000/s'], stderr: /^sim: --arrival-rate 1000000000\/s for 1h means about 3,600,000,000,000 arrivals, more than the run's budget of 1,000,000,000 events; .* raise --max-events$/, spawn: true },
    { name: 'a negative rate', args: ['run', 'mm-c', '--arrival-rate', '-5/s'], stderr: /^sim: --arrival-rate: -5\/s is negative; a rate must be >= 0$/ },
    { name: 'a negative jitter', args: ['run', 'thundering-herd', '--jitter', '-5m'], stderr: /^sim: --jitter: -5m is negative; a duration must be >= 0$/ },
    { name: 'a jitter above its maximum', args: ['run', 'thundering-herd', '--jitter', '1h'], stderr: /^sim: --jitter: 1h is above the maximum 30m/ },
    { name: 'a malformed rate', args: ['run', 'mm-c', '--arrival-rate', '5/fortnight'], stderr: /^sim: --arrival-rate: malformed rate '5\/fortnight'/ },
    { name: 'a malformed duration parameter', args: ['run', 'mm-c', '--service-time', '3 parsecs'], stderr: /^sim: --service-time: malformed duration/ },
    { name: 'a zero capacity', args: ['run', 'mm-c', '--servers', '0'], stderr: /^sim: --servers: 0 is below the minimum 1/ },
    { name: 'a negative capacity', args: ['run', 'mm-c', '--servers', '-2'], stderr: /^sim: --servers: -2 is below the minimum 1/ },
    { name: 'a fractional capacity', args: ['run', 'mm-c', '--servers', '2.5'], stderr: /^sim: --servers: '2.5' is not a whole number/ },
    { name: 'a capacity of 400 nines', args: ['run', 'mm-c', '--servers', NINES], stderr: /^sim: --servers: '9+' is not a whole number/ },
    { name: 'a parameter without its value', args: ['run', 'mm-c', '--servers'], stderr: /^sim: --servers needs a value, e.g. --servers 12$/ },
    { name: 'a parameter given twice', args: ['run', 'mm-c', '--servers', '5', '--servers', '6'], stderr: /^sim: --servers is given twice \('5' and '6'\); give it once$/ },
    { name: 'a choice not among the choices', args: ['run', 'retry-storm', '--classification', 'smart'], stderr: /^sim: --classification: 'smart' is not allowed; use one of/ },
    { name: 'a boolean that is not one', args: ['run', 'batch-scale-up', '--checkpoint', 'maybe'], stderr: /^sim: --checkpoint: 'maybe' is not a boolean; use true or false$/ },
    { name: 'a malformed distribution', args: ['run', 'batch-scale-up', '--downstream-latency', 'gaussian(2s)'], stderr: /^sim: --downstream-latency: / },

    // --- run: its own options
    { name: 'a bad seed', args: ['run', 'mm-c', '--seed', '-1'], stderr: /^sim: --seed: '-1' is not a whole number >= 0/ },
    { name: 'a seed that is not a number', args: ['run', 'mm-c', '--seed', 'abc'], stderr: /^sim: --seed: 'abc' is not a whole number >= 0/ },
    { name: 'a seed beyond the safe integers', args: ['run', 'mm-c', '--seed', NINES], stderr: /^sim: --seed: '9{20}…' is not a whole number >= 0 \(at most 9007199254740991\)$/ },
    { name: 'a seed given twice', args: ['run', 'mm-c', '--seed', '1', '--seed', '2'], stderr: /^sim: --seed is given twice \('1' and '2'\); give it once$/ },
    { name: '--out given twice', args: ['run', 'mm-c', '--out', 'a', '--out', 'b'], stderr: /^sim: --out is given twice \('a' and 'b'\); give it once$/ },
    { name: '--out without a value', args: ['run', 'mm-c', '--out'], stderr: /^sim: --out needs a value: --out <value>/ },
    { name: '--quiet with a value', args: ['run', 'mm-c', '--quiet=yes'], stderr: /^sim: --quiet takes no value \(it is a switch\)/ },
    { name: '--max-events that is not a number', args: ['run', 'mm-c', '--max-events', 'lots'], stderr: /^sim: --max-events: 'lots' is not a whole number >= 1 \(e.g. 2,000,000,000, or 2e9\)$/ },
    { name: '--max-events of zero', args: ['run', 'mm-c', '--max-events', '0'], stderr: /^sim: --max-events: '0' is not a whole number >= 1/ },
    { name: '--max-buckets given twice', args: ['run', 'mm-c', '--max-buckets', '1', '--max-buckets', '2'], stderr: /^sim: --max-buckets is given twice/ },
    { name: 'a run past its event budget', args: ['run', 'mm-c', '--duration', '10m', '--max-events', '100000'], stderr: /^sim: the run used its budget of 100,000 events by [\d.]+s of simulated time; shorten --duration or lower the load, or raise --max-events$/ },
    { name: 'a run past its bucket limit', args: ['run', 'mm-c', '--duration', '2h', '--max-buckets', '60'], stderr: /^sim: --duration 2h is 120 metric buckets of 1m for model mm-c, more than the limit of 60 \(1h\)/ },

    // --- run: where the output goes
    { name: '--out pointing at a file', args: ['run', 'mm-c', '--duration', '1m', '--out', 'a-file'], setup: write('a-file', 'x'), stderr: /^sim: --out a-file is a file; give a directory path$/ },
    { name: '--out under a file', args: ['run', 'mm-c', '--duration', '1m', '--out', 'a-file/out'], setup: write('a-file', 'x'), stderr: /^sim: --out a-file\/out: cannot write .*a-file(\/out)?: a part of the path is a file, not a directory \(ENOTDIR\)$/ },
    { name: '--out a non-empty directory that is no sim output', args: ['run', 'mm-c', '--duration', '1m', '--out', 'notes'], setup: (w) => (mkdirSync(join(w, 'notes')), writeFileSync(join(w, 'notes', 'todo.txt'), 'x')), stderr: /^sim: --out notes is a non-empty directory that is not a sim output; choose a new or empty directory$/ },
    { name: '--out the current directory', args: ['run', 'mm-c', '--duration', '1m', '--out', '.'], stderr: /^sim: --out \. is the current directory or contains it/ },
    { name: '--out the parent directory', args: ['run', 'mm-c', '--duration', '1m', '--out', '..'], stderr: /^sim: --out \.\. is the current directory or contains it/ },
    { name: '--out the root directory', args: ['run', 'mm-c', '--duration', '1m', '--out', '/'], stderr: /^sim: --out \/ is the root directory/ },
    { name: '--out empty', args: ['run', 'mm-c', '--duration', '1m', '--out='], stderr: /^sim: --out is empty; give a directory path$/ },
    { name: '--out in /proc', args: ['run', 'mm-c', '--duration', '1m', '--out', '/proc/x'], stderr: /^sim: --out \/proc\/x: cannot write files in \/proc: .* \(ENOENT\)$/, spawn: true },
    { name: '--out in /proc/self', args: ['run', 'mm-c', '--duration', '1m', '--out', '/proc/self/x'], stderr: /^sim: --out \/proc\/self\/x: .*\((ENOENT|EACCES|EPERM|EINVAL)\)$/ },
    { name: '--out with a 300-character name', args: ['run', 'mm-c', '--duration', '1m', '--out', 'n'.repeat(300)], stderr: /^sim: --out n+…n+: the name 'n{20}…' is 300 bytes; names can be at most 255 bytes/ },
    { name: '--out under a 300-character folder', args: ['run', 'mm-c', '--duration', '1m', '--out', `${'d'.repeat(300)}/out`], stderr: /^sim: --out d+…d+\/out: cannot (use|write) .*: a name in the path is too long .*\(ENAMETOOLONG\)$/ },
    { name: '--out a dangling symlink', args: ['run', 'mm-c', '--duration', '1m', '--out', 'link'], setup: (w) => symlinkSync('nowhere', join(w, 'link')), stderr: /^sim: --out link is a symbolic link to 'nowhere', which does not exist/ },
    { name: '--out a symlink that loops', args: ['run', 'mm-c', '--duration', '1m', '--out', 'loop'], setup: (w) => symlinkSync('loop', join(w, 'loop')), stderr: /^sim: --out loop is a symbolic link to 'loop', which leads back to itself/ },
    { name: '--out held by a live writer', args: ['run', 'mm-c', '--duration', '1m', '--out', 'busy'], setup: write('.busy.lock', `${JSON.stringify({ pid: process.pid, host: hostname(), start: '', nonce: 'x' })}\n`), stderr: new RegExp(`^sim: --out busy is being written by another sim \\(pid ${process.pid}\\); wait for it to finish, or choose another output$`) },

    // --- run: a user's model that fails
    { name: 'a model that throws in build', args: ['run', model('throws-in-build')], stderr: /^sim: model throws-in-build failed at .*throws-in-build\.ts:10: a pool of 1 cannot serve both queues$/, spawn: true },
    { name: 'a model that throws in an event handler', args: ['run', model('throws-in-handler')], stderr: /^sim: model throws-in-handler failed at .*throws-in-handler\.ts:6: TypeError: cannot read the job table$/ },
    { name: 'a model that passes sim a negative delay', args: ['run', model('bad-delay')], stderr: /^sim: model bad-delay failed at .*bad-delay\.ts:11: RangeError: cannot schedule -5 s into the past$/ },
    { name: 'a model whose summary holds text', args: ['run', model('bad-summary')], stderr: /^sim: model bad-summary: summary\(\) metric 'jobs_done' must be a number, got string$/ },
    { name: 'a model that schedules itself with zero delay', args: ['run', model('spins')], stderr: /^sim: simulated time stopped advancing at 10s: 1,048,576 events in a row fired at that instant: Poller keeps scheduling events with zero delay; .* raise --max-events-at-instant$/, spawn: true },
    { name: 'a model that schedules more events at once than allowed', args: ['run', model('floods'), '--max-pending-events', '1000'], stderr: /^sim: the model scheduled 10,000 events before the run started, more than the limit of 1,000; raise --max-pending-events$/ },
    { name: 'a model with metric buckets of no width', args: ['run', model('no-bucket')], stderr: /^sim: model no-bucket: bucket must be longer than 0 \(e.g. '1m'\), got '0s'$/ },
    { name: 'a model parameter misspelt on a user model', args: ['run', model('throws-in-build'), '--pol', '3'], stderr: /^sim: unknown parameter --pol for model throws-in-build \(did you mean --pool\?\)/ },

    // --- sweep
    { name: 'sweep without a file', args: ['sweep'], stderr: /^sim: sim sweep needs <experiment>/ },
    { name: 'sweep a missing file', args: ['sweep', 'nope.yaml'], stderr: /^sim: experiment file 'nope.yaml' does not exist$/ },
    { name: 'sweep a directory', args: ['sweep', '.'], stderr: /^sim: experiment file '.' is a directory; give a .yaml file$/ },
    { name: 'sweep a device', args: ['sweep', '/dev/null'], stderr: /^sim: experiment file '\/dev\/null' is not a regular file/ },
    { name: 'sweep an empty file', args: ['sweep', 'e.yaml'], setup: write('e.yaml', ''), stderr: /^sim: e.yaml:1: an experiment file must be a mapping with at least model and grid, got an empty file$/ },
    { name: 'sweep a file that is not YAML', args: ['sweep', 'e.yaml'], setup: write('e.yaml', 'model: [mm-c\ngrid: {\n'), stderr: /^sim: e.yaml:\d+: not valid YAML: / },
    { name: 'sweep with --shards', args: ['sweep', 'e.yaml', '--shards', '1/2'], setup: write('e.yaml', EXP), stderr: /^sim: unknown option --shards for sim sweep \(did you mean --shard\?\); its options are: --jobs, --out, --shard/, spawn: true },
    { name: 'sweep with a model parameter as a flag', args: ['sweep', 'e.yaml', '--servers', '5'], setup: write('e.yaml', EXP), stderr: /^sim: unknown option --servers for sim sweep/ },
    { name: 'sweep with --out twice', args: ['sweep', 'e.yaml', '--out', 'a', '--out', 'b'], setup: write('e.yaml', EXP), stderr: /^sim: --out is given twice \('a' and 'b'\); give it once$/ },
    { name: 'sweep with two files', args: ['sweep', 'e.yaml', 'f.yaml'], setup: write('e.yaml', EXP), stderr: /^sim: unexpected argument 'f.yaml' for sim sweep/ },
    { name: 'sweep with --jobs 0', args: ['sweep', 'e.yaml', '--jobs', '0'], setup: write('e.yaml', EXP), stderr: /^sim: --jobs: '0' is not a whole number >= 1$/ },
    { name: 'sweep with --jobs of 400 nines', args: ['sweep', 'e.yaml', '--jobs', NINES], setup: write('e.yaml', EXP), stderr: /^sim: --jobs: 9{20}…\(400 characters\) is above the maximum \d+$/ },
    { name: 'sweep with seeds beyond the safe integers', args: ['sweep', 'e.yaml'], setup: write('e.yaml', `${EXP}seeds: [1, 1e300]\n`), stderr: /^sim: e.yaml:7: seeds\[1\]: must be at most 9007199254740991$/ },
    { name: 'sweep a duration that is a list', args: ['sweep', 'e.yaml'], setup: write('e.yaml', 'model: mm-c\nduration: [1h]\ngrid:\n  servers: [10]\n'), stderr: /^sim: e.yaml:2: duration: expected a duration such as 30m or 6h$/ },
    { name: 'sweep with a shard beyond the count', args: ['sweep', 'e.yaml', '--shard', '3/2'], setup: write('e.yaml', EXP), stderr: /^sim: --shard 3\/2: the shard number must be between 1 and 2$/ },
    { name: 'sweep with --shard auto and no index', args: ['sweep', 'e.yaml', '--shard', 'auto/2'], setup: write('e.yaml', EXP), env: { JOB_COMPLETION_INDEX: undefined }, stderr: /^sim: --shard auto\/2 needs JOB_COMPLETION_INDEX/ },
    { name: 'sweep with an unknown field', args: ['sweep', 'e.yaml'], setup: write('e.yaml', `${EXP}replicas: 3\n`), stderr: /^sim: e.yaml:7: replicas: unknown field; the fields are: / },
    { name: 'sweep an unknown parameter', args: ['sweep', 'e.yaml'], setup: write('e.yaml', 'model: mm-c\ngrid:\n  server: [1, 2]\n'), stderr: /^sim: e.yaml:3: grid.server: unknown parameter for model mm-c/ },
    { name: 'sweep an infinite duration', args: ['sweep', 'e.yaml'], setup: write('e.yaml', `model: mm-c\nduration: .inf\ngrid:\n  servers: [10]\n`), stderr: /^sim: e.yaml:2: duration: Infinity is not a duration; use a non-negative number of seconds/ },
    { name: 'sweep a negative duration', args: ['sweep', 'e.yaml'], setup: write('e.yaml', `model: mm-c\nduration: -5m\ngrid:\n  servers: [10]\n`), stderr: /^sim: e.yaml:2: duration: -5m is negative; a duration must be >= 0$/ },
    { name: 'sweep a negative rate', args: ['sweep', 'e.yaml'], setup: write('e.yaml', `model: mm-c\ngrid:\n  arrival-rate: [10/s, -5/s]\n`), stderr: /^sim: e.yaml:3: grid.arrival-rate\[1\]: -5\/s is negative; a rate must be >= 0$/ },
    { name: 'sweep a century at a 5-minute bucket', args: ['sweep', 'e.yaml'], setup: write('e.yaml', `model: silent-backlog\nduration: 36500d\ngrid:\n  print-rate: [24/h]\n`), stderr: /^sim: e.yaml:2: duration: duration 36500d is 10,512,000 metric buckets of 5m/ },
    { name: 'sweep a rate no run could finish', args: ['sweep', 'e.yaml'], setup: write('e.yaml', `model: mm-c\ngrid:\n  arrival-rate: [90/s, 1000000000/s]\n`), stderr: /^sim: e.yaml:2: grid: --arrival-rate 1000000000\/s for 1h means about 3,600,000,000,000 arrivals/ },
    { name: 'sweep a grid of 10^8 points', args: ['sweep', 'e.yaml'], setup: write('e.yaml', `model: mm-c\ngrid:\n  servers: { from: 1, to: 10000, steps: 10000 }\n  arrival-rate: { from: 1/s, to: 10000/s, steps: 10000 }\n`), stderr: /^sim: e.yaml:2: grid: the sweep has 100000000 runs \(grid points × seeds\), more than 1000000/, spawn: true },
    { name: 'sweep a range of a million values', args: ['sweep', 'e.yaml'], setup: write('e.yaml', `model: mm-c\ngrid:\n  servers: { from: 1, to: 1000000, step: 1 }\n`), stderr: /^sim: e.yaml:3: grid.servers: the range gives 1000000 values, more than 10000/ },
    { name: 'sweep an alias bomb', args: ['sweep', 'e.yaml'], setup: write('e.yaml', aliasBomb()), stderr: /^sim: e.yaml: its aliases \(\*name\) expand to too much data/, spawn: true },
    { name: 'sweep a file nested 100,000 deep', args: ['sweep', 'e.yaml'], setup: write('e.yaml', `model: mm-c\ngrid:\n  servers: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`), stderr: /^sim: e.yaml:3: nested more than 64 levels deep/ },
    { name: 'sweep a 2 MB file', args: ['sweep', 'e.yaml'], setup: write('e.yaml', `${EXP}description: "${'x'.repeat(2 * 1024 * 1024)}"\n`), stderr: /^sim: e.yaml: 2.0 MB is too large for an experiment or check file \(the limit is 1 MB\)$/ },
    { name: 'sweep a user model that throws', args: ['sweep', 'e.yaml', '--jobs', '1'], setup: write('e.yaml', `model: ${model('throws-in-build')}\ngrid:\n  pool: [1]\n`), stderr: /^sim: run 0 \(pool=1, seed 1\): model throws-in-build failed at .*throws-in-build\.ts:10: a pool of 1 cannot serve both queues$/, spawn: 'only' },
    {
      name: 'sweep with a damaged resume cache',
      args: ['sweep', 'e.yaml', '--out', 'out'],
      setup: (w) => {
        writeFileSync(join(w, 'e.yaml'), EXP);
        mkdirSync(join(w, '.out.partial'));
        writeFileSync(join(w, '.out.partial', 'runs.jsonl'), `${JSON.stringify({ key: '0123456789abcdef0123456789abcdef', metrics: { customers: 'lots' } })}\n`);
      },
      stderr: /^sim: .*\.out\.partial\/runs\.jsonl:1: metrics\.customers: expected a number or null, got 'lots'; delete .* to run those runs again$/,
    },
    {
      name: 'sweep with a resume cache line of the wrong shape',
      args: ['sweep', 'e.yaml', '--out', 'out'],
      setup: (w) => {
        writeFileSync(join(w, 'e.yaml'), EXP);
        mkdirSync(join(w, '.out.partial'));
        writeFileSync(join(w, '.out.partial', 'runs.jsonl'), '{"key":"abc","metrics":{}}\n');
      },
      stderr: /runs\.jsonl:1: key: must be a run key \(32 hex digits\)/,
    },

    // --- merge
    { name: 'merge without directories', args: ['merge'], stderr: /^sim: sim merge needs <dirs>/ },
    { name: 'merge a directory that does not exist', args: ['merge', 'nowhere'], stderr: /^sim: 'nowhere' is not a directory; give the output directories of sim sweep --shard i\/n$/ },
    { name: 'merge a directory with no shard', args: ['merge', 'empty'], setup: (w) => mkdirSync(join(w, 'empty')), stderr: /^sim: 'empty' has no shard.json/ },
    { name: 'merge with an unknown option', args: ['merge', 's1', 's2', '--outt', 'x'], setup: shardDirs(shards), stderr: /^sim: unknown option --outt for sim merge \(did you mean --out\?\)/ },
    { name: 'merge with --out twice', args: ['merge', 's1', 's2', '--out', 'a', '--out', 'b'], setup: shardDirs(shards), stderr: /^sim: --out is given twice/ },
    { name: 'merge a shard that is not JSON', args: ['merge', 's1', 's2'], setup: damageFirst(/\}\n$/, ''), stderr: /^sim: s1\/shard.json: not valid JSON .*; rerun that shard$/ },
    { name: 'merge a shard of another version', args: ['merge', 's1', 's2'], setup: damageFirst('"version": 1', '"version": 2'), stderr: /^sim: s1\/shard.json is not a sim sweep shard of version 1/ },
    { name: 'merge a shard with a metric that is text', args: ['merge', 's1', 's2'], setup: damageFirst(/"customers":100/, '"customers":"lots"'), stderr: /^sim: s1\/shard.json: runs\[0\]\.metrics\.customers: expected a number or null, got 'lots'; rerun that shard$/, spawn: true },
    { name: 'merge a shard with a run index that is text', args: ['merge', 's1', 's2'], setup: damageFirst(/"index":0/, '"index":"zero"'), stderr: /^sim: s1\/shard.json: runs\[0\]\.index: expected number, got 'zero'/ },
    { name: 'merge a shard numbered beyond its count', args: ['merge', 's1', 's2'], setup: damageFirst('"shard": "1/2"', '"shard": "5/2"'), stderr: /^sim: s1\/shard.json: shard: must be i\/n with 1 <= i <= n/ },
    { name: 'merge a shard with a damaged plan', args: ['merge', 's1', 's2'], setup: damageFirst('"durationS": 120', '"durationS": -1'), stderr: /^sim: s1\/shard.json: plan\.durationS: / },
    { name: 'merge a shard whose experiment name is a path', args: ['merge', 's1', 's2'], setup: damageFirst('"experiment": "e"', '"experiment": "../../etc"'), stderr: /^sim: s1\/shard.json: plan\.experiment: must be a file name stem/ },
    { name: 'merge a shard with an unknown field', args: ['merge', 's1', 's2'], setup: damageFirst('"code":', '"cost": 1, "code":'), stderr: /^sim: s1\/shard.json: unknown field 'cost'/ },
    { name: 'merge with a shard missing', args: ['merge', 's1'], setup: shardDirs(shards), stderr: /^sim: shard 2\/2 missing; give all 2 shard directories$/ },
    { name: 'merge the same shard twice', args: ['merge', 's1', 's1', 's2'], setup: shardDirs(shards), stderr: /^sim: shard 1\/2 is given twice/ },
    { name: 'merge a shard holding a run of another shard', args: ['merge', 's1', 's2'], setup: damageFirst(/"index":0,/, '"index":1,'), stderr: /^sim: 's1\/shard.json' holds run 1, which is not in shard 1\/2; rerun that shard$/ },
    { name: 'merge into one of the shards', args: ['merge', 's1', 's2', '--out', 's2'], setup: shardDirs(shards), stderr: /^sim: --out s2 is one of the shards being merged; write the merged output elsewhere$/ },
    { name: 'merge into a file', args: ['merge', 's1', 's2', '--out', 'a-file'], setup: (w) => (shardDirs(shards)(w), writeFileSync(join(w, 'a-file'), 'x')), stderr: /^sim: --out a-file is a file; give a directory path$/ },

    // --- check
    { name: 'check a missing file', args: ['check', 'nope.yaml'], stderr: /^sim: experiment file 'nope.yaml' does not exist$/ },
    { name: 'check with nothing to check', args: ['check'], stderr: /^sim: no check files found/ },
    { name: 'check a file without checks', args: ['check', 'c.yaml'], setup: write('c.yaml', EXP), stderr: /^sim: c.yaml:1: has no checks/ },
    { name: 'check an unknown metric', args: ['check', 'c.yaml'], setup: write('c.yaml', CHECKS.replace('wait_mean_s', 'wait_mean')), stderr: /^sim: c.yaml:6: checks\[0\]\.expect: unknown metric 'wait_mean'; close names: wait_mean_s/ },
    { name: 'check a malformed expression', args: ['check', 'c.yaml'], setup: write('c.yaml', CHECKS.replace('wait_mean_s < 1', 'wait_mean_s <')), stderr: /^sim: c.yaml:6: checks\[0\]\.expect: .*column/ },
    { name: 'check with an unknown option', args: ['check', 'c.yaml', '--junt', 'x.xml'], setup: write('c.yaml', CHECKS), stderr: /^sim: unknown option --junt for sim check \(did you mean --junit\?\)/ },
    { name: 'check with --update-baseline=yes', args: ['check', 'c.yaml', '--update-baseline=yes'], setup: write('c.yaml', CHECKS), stderr: /^sim: --update-baseline takes no value/ },
    { name: 'check with --junit twice', args: ['check', 'c.yaml', '--junit', 'a.xml', '--junit', 'b.xml'], setup: write('c.yaml', CHECKS), stderr: /^sim: --junit is given twice/ },
    { name: 'check with --jobs 0', args: ['check', 'c.yaml', '--jobs', '0'], setup: write('c.yaml', CHECKS), stderr: /^sim: --jobs: '0' is not a whole number >= 1$/ },
    { name: 'check with --junit a directory', args: ['check', 'c.yaml', '--junit', 'reports'], setup: (w) => (writeFileSync(join(w, 'c.yaml'), CHECKS), mkdirSync(join(w, 'reports'))), stderr: /^sim: --junit reports is a directory; give a file path$/ },
    { name: 'check with --junit under a file', args: ['check', 'c.yaml', '--junit', 'a-file/junit.xml'], setup: (w) => (writeFileSync(join(w, 'c.yaml'), CHECKS), writeFileSync(join(w, 'a-file'), 'x')), stderr: /^sim: --junit a-file\/junit.xml: cannot write .*a-file(\/junit\.xml)?: a part of the path is a file, not a directory \(ENOTDIR\)$/ },
    { name: 'check with --junit in /proc', args: ['check', 'c.yaml', '--junit', '/proc/junit.xml'], setup: write('c.yaml', CHECKS), stderr: /^sim: --junit \/proc\/junit.xml: cannot write .*\(ENOENT\)$/ },
    { name: 'check a baseline that is not JSON', args: ['check', 'c.yaml', '--baseline', 'b.json'], setup: (w) => (writeFileSync(join(w, 'c.yaml'), CHECKS), writeFileSync(join(w, 'b.json'), '{"version": 1, "files": {')), stderr: /^sim: b.json: not valid JSON .*; restore it from git, or rewrite it with sim check --update-baseline$/ },
    { name: 'check a baseline of another version', args: ['check', 'c.yaml', '--baseline', 'b.json'], setup: (w) => (writeFileSync(join(w, 'c.yaml'), CHECKS), writeFileSync(join(w, 'b.json'), '{"version": 2, "files": {}}')), stderr: /^sim: b.json: version: / },
    {
      name: 'check a baseline with a malformed record',
      args: ['check', 'c.yaml', '--baseline', 'b.json'],
      setup: (w) => {
        writeFileSync(join(w, 'c.yaml'), CHECKS);
        writeFileSync(join(w, 'b.json'), JSON.stringify({ version: 1, files: { 'c.yaml': { model: 'mm-c', duration_s: 120, seeds: 'one', params: {}, points: {} } } }));
      },
      stderr: /^sim: b.json: files\["c.yaml"\]\.seeds: expected array, got 'one'/,
    },
    {
      name: 'check a baseline with a metric that is text',
      args: ['check', 'c.yaml', '--baseline', 'b.json'],
      setup: (w) => {
        writeFileSync(join(w, 'c.yaml'), CHECKS);
        writeFileSync(join(w, 'b.json'), JSON.stringify({ version: 1, files: { 'c.yaml': { model: 'mm-c', duration_s: 120, seeds: [1], params: {}, points: { 'servers=10': { wait_mean_s: 'low' } } } } }));
      },
      stderr: /^sim: b.json: files\["c.yaml"\]\.points\["servers=10"\]\.wait_mean_s: /,
    },
    { name: 'check a baseline that is a directory', args: ['check', 'c.yaml', '--baseline', 'b'], setup: (w) => (writeFileSync(join(w, 'c.yaml'), CHECKS), mkdirSync(join(w, 'b'))), stderr: /^sim: --baseline b is a directory; give a file path$/ },
    { name: 'check a file with an alias bomb', args: ['check', 'c.yaml'], setup: write('c.yaml', aliasBomb()), stderr: /^sim: c.yaml: its aliases \(\*name\) expand to too much data/ },

    // --- fit and schedule
    { name: 'fit with a misspelt option', args: ['fit', 'd.csv', '--colum', 'ms'], setup: write('d.csv', 'ms\n1\n2\n3\n'), stderr: /^sim: unknown option --colum for sim fit \(did you mean --column\?\)/ },
    { name: 'fit with --out twice', args: ['fit', 'd.csv', '--out', 'a', '--out', 'b'], setup: write('d.csv', 'ms\n1\n2\n3\n'), stderr: /^sim: --out is given twice/ },
    { name: 'fit into a file', args: ['fit', 'd.csv', '--out', 'd.csv'], setup: write('d.csv', 'ms\n1\n2\n3\n'), stderr: /^sim: --out d.csv is a file; give a directory path$/ },
    { name: 'schedule with a misspelt option', args: ['schedule', 'crontab', '--timezone', 'UTC'], setup: write('crontab', '0 * * * * job\n'), stderr: /^sim: unknown option --timezone for sim schedule \(did you mean --time-zone\?\)/ },
    { name: 'schedule with --json=yes', args: ['schedule', 'crontab', '--json=yes'], setup: write('crontab', '0 * * * * job\n'), stderr: /^sim: --json takes no value/ },
    { name: 'schedule with two files', args: ['schedule', 'crontab', 'other'], setup: write('crontab', '0 * * * * job\n'), stderr: /^sim: unexpected argument 'other' for sim schedule/ },

    // --- plan
    { name: 'plan an unknown SLO metric (before anything runs)', args: ['plan', 'mm-c', '--vary', 'arrival-rate', '--min', '10/s', '--max', '20/s', '--slo', 'wait_mean < 0.05', '--duration', '2m'], stderr: /^sim: --slo "wait_mean < 0.05": unknown metric 'wait_mean'; close names: wait_mean_s/, spawn: true },
    { name: 'plan an empty range', args: ['plan', 'mm-c', '--vary', 'arrival-rate', '--min', '50/s', '--max', '40/s', '--slo', 'wait_mean_s < 1'], stderr: /^sim: the range --min 50\/s .. --max 40\/s is empty/ },
    { name: 'plan a bound that is not a number', args: ['plan', 'mm-c', '--minimize', 'servers', '--slo', 'wait_mean_s < 1', '--max', 'lots'], stderr: /^sim: --max: 'lots' is not a whole number/ },
    { name: 'plan without an SLO', args: ['plan', 'mm-c', '--vary', 'arrival-rate', '--min', '10/s', '--max', '20/s'], stderr: /^sim: --slo is required/ },
    { name: 'plan a malformed SLO', args: ['plan', 'mm-c', '--vary', 'arrival-rate', '--min', '10/s', '--max', '20/s', '--slo', 'wait_mean_s <'], stderr: /^sim: --slo "wait_mean_s <": / },
    { name: 'plan with both --vary and --minimize', args: ['plan', 'mm-c', '--vary', 'arrival-rate', '--minimize', 'servers', '--slo', 'wait_mean_s < 1'], stderr: /^sim: give exactly one of --vary/ },
    { name: 'plan a parameter the model lacks', args: ['plan', 'mm-c', '--vary', 'arival-rate', '--slo', 'wait_mean_s < 1'], stderr: /^sim: --vary arival-rate: model mm-c has no such parameter \(did you mean arrival-rate\?\); its parameters are: / },
    { name: 'plan a choice parameter', args: ['plan', 'retry-storm', '--vary', 'classification', '--slo', 'makespan_s < 1'], stderr: /^sim: --vary classification: a choice parameter cannot be searched/ },
    { name: 'plan with --replications 0', args: ['plan', 'mm-c', '--minimize', 'servers', '--slo', 'wait_mean_s < 1', '--replications', '0'], stderr: /^sim: --replications: '0' is not a whole number >= 1$/ },
    { name: 'plan with --points 1', args: ['plan', 'mm-c', '--minimize', 'servers', '--slo', 'wait_mean_s < 1', '--points', '1'], stderr: /^sim: --points: '1' is not a whole number >= 2$/ },
    { name: 'plan with an unknown criterion', args: ['plan', 'mm-c', '--minimize', 'servers', '--slo', 'wait_mean_s < 1', '--criterion', 'p99'], stderr: /^sim: --criterion: 'p99' is not allowed; use one of ci, all, mean$/ },
    { name: 'plan with --criterion twice', args: ['plan', 'mm-c', '--minimize', 'servers', '--slo', 'wait_mean_s < 1', '--criterion', 'ci', '--criterion', 'all'], stderr: /^sim: --criterion is given twice/ },
    { name: 'plan the searched parameter fixed too', args: ['plan', 'mm-c', '--minimize', 'servers', '--slo', 'wait_mean_s < 1', '--servers', '4'], stderr: /^sim: --servers is the searched parameter; do not also fix it$/ },
    { name: 'plan a misspelt fixed parameter', args: ['plan', 'mm-c', '--minimize', 'servers', '--slo', 'wait_mean_s < 1', '--arival-rate', '5/s'], stderr: /^sim: unknown parameter --arival-rate for model mm-c \(did you mean --arrival-rate\?\)/ },
    { name: 'plan up to a rate no run could finish', args: ['plan', 'mm-c', '--vary', 'arrival-rate', '--min', '10/s', '--max', '1000000000/s', '--slo', 'wait_mean_s < 1'], stderr: /^sim: --arrival-rate 1000000000\/s for 1h means about 3,600,000,000,000 arrivals/ },
    { name: 'plan a model that stops time', args: ['plan', model('spins'), '--vary', 'interval', '--min', '0', '--max', '1s', '--slo', 'polls < 5', '--replications', '2'], stderr: /^sim: simulated time stopped advancing at 10s: 1,048,576 events in a row fired at that instant: Poller keeps scheduling/, spawn: true },
    { name: 'plan a model that schedules too much at once', args: ['plan', model('floods'), '--vary', 'events', '--min', '1', '--max', '20000', '--slo', 'events < 5', '--max-pending-events', '1000', '--replications', '2'], stderr: /^sim: the model scheduled \d{1,3}(,\d{3})* events before the run started, more than the limit of 1,000; raise --max-pending-events$/ },
    { name: 'plan into a file', args: ['plan', 'mm-c', '--minimize', 'servers', '--slo', 'wait_mean_s < 1', '--out', 'a-file'], setup: write('a-file', 'x'), stderr: /^sim: --out a-file is a file; give a directory path$/ },
  ];
}
