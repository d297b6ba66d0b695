import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AutoBackend } from '../src/check/auto-backend.ts';
import { InProcessBackend } from '../src/check/in-process-backend.ts';
import { loadCheckFile } from '../src/check/load-check-file.ts';
import type { RunBackend } from '../src/check/run-backend.ts';
import { runChecks } from '../src/check/run-checks.ts';
import { ThreadBackend } from '../src/check/thread-backend.ts';
import { ROOT, tempDir } from './helpers/cli.ts';

describe('where check runs execute', () => {
  test('worker threads, this thread and the automatic choice give the same verdicts and numbers', async () => {
    // The fixture's checks over three replications: six runs.
    const path = join(tempDir('sim-backends-'), 'herd.yaml');
    const fixture = readFileSync(join(ROOT, 'test/fixtures/check/herd.yaml'), 'utf8');
    writeFileSync(path, fixture.replace('./herd.ts', join(ROOT, 'test/fixtures/check/herd.ts')).replace('duration: 1h20m', 'duration: 1h20m\nreplications: 3'));
    const file = await loadCheckFile(path);
    const rows = async (backend: RunBackend) => (await runChecks([file], { backend, baseline: null }))[0]!.rows;
    const local = await rows(new InProcessBackend());
    expect(local.map((r) => [r.check, r.verdict])).toEqual([
      ['the herd at :00', 'pass'],
      ['jitter removes it', 'pass'],
      ['jitter removes it', 'pass'],
      ['jitter=15m vs jitter=0s', 'pass'],
    ]);
    expect(await rows(new ThreadBackend(2))).toEqual(local);
    // A clock on which every run looks slow sends the five runs after the first to threads.
    let nowMs = 0;
    expect(await rows(new AutoBackend(2, () => (nowMs += 10_000)))).toEqual(local);
  });
});
