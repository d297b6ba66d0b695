import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { shellCommand, shellQuote } from '../src/report/shell-quote.ts';
import { runHere } from './bad-input/harness.ts';
import { readTree, ROOT, tempDir } from './helpers/cli.ts';
import { SMALL_HERD_FLAGS } from './helpers/report-fixtures.ts';

describe('the reproduce command in report.html', () => {
  test('words a shell would split or interpret are single-quoted, quotes included', () => {
    expect(shellQuote('exp(0.004)')).toBe("'exp(0.004)'");
    expect(shellQuote('lognormal(0.09, 0.02)')).toBe("'lognormal(0.09, 0.02)'");
    expect(shellQuote('320/s')).toBe('320/s');
    expect(shellQuote('2024-03-05T14:00')).toBe('2024-03-05T14:00');
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('')).toBe("''");
    expect(shellCommand(['sim', 'run', 'a b', '$HOME', '*'])).toBe("sim run 'a b' '$HOME' '*'");
  });

  test('run through bash, it writes the same files byte for byte', async () => {
    const dir = tempDir('sim-reproduce-');
    const first = join(dir, 'first');
    // The first run in this process; the second as a user runs it: a shell, and sim on the PATH.
    // Ten minutes are enough: the command, not the herd, is under test (a zoom span asked for, a start with a date).
    const r = await runHere(['run', 'thundering-herd', '--duration', '10m', ...SMALL_HERD_FLAGS, '--start', '2024-03-05T08:30', '--zoom', '2m-3m30s', '--out', first, '--quiet'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const html = readFileSync(join(first, 'report.html'), 'utf8');
    const pre = /<pre class="cmd">([^<]*)<\/pre>/.exec(html)![1]!;
    const command = pre.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(command).toMatch(/^sim run thundering-herd --seed 1 --hourly-jobs 1000 .* --api-query-cpu 'exp\(0\.004\)' .* --duration 10m --start 2024-03-05T08:30 --zoom 2m-3m30s$/);
    expect(JSON.parse(readFileSync(join(first, 'run.json'), 'utf8')).reproduce).toBe(command);
    // `sim` as a user has it on their PATH; the command runs from another directory and writes reports/<model>.
    const again = join(dir, 'again');
    const b = spawnSync('bash', ['-c', `sim() { "${process.execPath}" "${join(ROOT, 'bin', 'sim.mjs')}" "$@"; }; mkdir -p "${again}" && cd "${again}" && ${command} --quiet`], { encoding: 'utf8' });
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0);
    expect(readTree(join(again, 'reports', 'thundering-herd'))).toEqual(readTree(first));
  });
});
