// Runs the bad-input cases marked `spawn: true` one after another in this process, through
// the CLI's own entry (runCli), and prints what each did as JSON: one Node start-up for all
// of them. The process's peak memory bounds every case's. Run by bad-input-processes.test.ts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadExperiment } from '../../src/sweep/experiment.ts';
import { badInputs, type ShardSource } from './cases.ts';
import { runHere, snapshot } from './harness.ts';

const root = mkdtempSync(join(tmpdir(), 'sim-bounds-'));
const shards = {} as ShardSource;
writeFileSync(join(root, 'e.yaml'), 'model: mm-c\nduration: 2m\nparams:\n  service-time: 100ms\ngrid:\n  servers: [10, 12]\n');
shards.exp = await loadExperiment(join(root, 'e.yaml'));
const results = [];
for (const c of badInputs(shards).filter((x) => x.spawn === true)) {
  const work = mkdtempSync(join(root, 'case-'));
  c.setup?.(work);
  const before = snapshot(work);
  const r = await runHere(c.args, work, c.env);
  results.push({ name: c.name, code: r.code, stdout: r.stdout, stderr: r.stderr, cpuMs: r.cpuMs, unchanged: JSON.stringify(snapshot(work)) === JSON.stringify(before) });
}
const usage = process.resourceUsage();
process.stdout.write(`${JSON.stringify({ results, maxRssKb: usage.maxRSS })}\n`);
