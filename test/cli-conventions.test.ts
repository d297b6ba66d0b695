import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, sim } from './helpers/cli.ts';

const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const MODELS = ['batch-scale-up', 'mm-c', 'retry-storm', 'silent-backlog', 'thundering-herd', 'zombie-workers'];

/** What the completion script asks for when the words typed so far are `words` (the last one being typed). */
function completions(words: string[], shell = '/bin/bash'): string[] {
  const r = sim(['--get-yargs-completions', 'sim', ...words], ROOT, { SHELL: shell, ZSH_NAME: '' });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

describe('CLI conventions', () => {
  test('sim --version and -V print the package version', () => {
    for (const flag of ['--version', '-V']) {
      const r = sim([flag]);
      expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    }
  });

  test('sim run with no model lists the models on stdout and exits 2 with one line', () => {
    const r = sim(['run']);
    expect(r.code).toBe(2);
    const listed = r.stdout.split('\n').slice(1).filter(Boolean).map((l) => l.split(/\s+/)[0]);
    expect(r.stdout).toMatch(/^Built-in models:\n/);
    expect(listed).toEqual(MODELS);
    expect(r.stderr).toBe('sim: give a model to run: sim run <model> (one of the above) or sim run path/to/model.ts\n');
  });

  test('sim completion prints a script that asks sim for its completions', () => {
    const r = sim(['completion'], ROOT, { SHELL: '/bin/bash' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^###-begin-sim-completions-###/);
    expect(r.stdout).toContain('sim --get-yargs-completions "${args[@]}"');
    expect(r.stdout).toContain('complete -o bashdefault -o default -F _sim_yargs_completions sim');
  });

  test('completion offers commands, then model names, then the command options and the model parameters', () => {
    expect(completions([''])).toEqual(['run', 'list', 'describe', 'sweep', 'merge', 'check', 'plan', 'fit', 'schedule', 'init', 'completion']);
    expect(completions(['s'])).toEqual(['sweep', 'schedule']);
    expect(completions(['run', ''])).toEqual(MODELS);
    expect(completions(['describe', 'th'])).toEqual(['thundering-herd']);
    const flags = completions(['run', 'mm-c', '--']);
    expect(flags).toEqual(expect.arrayContaining(['--seed', '--duration', '--out', '--arrival-rate', '--service-time', '--servers']));
    expect(completions(['sweep', '--'])).toEqual(expect.arrayContaining(['--jobs', '--shard', '--out']));
    // zsh shows a description beside each flag.
    expect(completions(['run', 'mm-c', '--'], '/usr/bin/zsh')).toContain('--servers:number of servers (c)');
  });
});
