import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { builtinModelNames, loadModel } from '../src/model/load-model.ts';

// The incident models (all built-ins but the mm-c validation model) point `sim describe` to a
// page that holds each of their incident's figures against theirs.
test('every incident model names its fidelity page, which exists, has a verdict table and names its commands', async () => {
  const incidents = builtinModelNames().filter((n) => n !== 'mm-c');
  expect(incidents).toEqual(['batch-scale-up', 'retry-storm', 'silent-backlog', 'thundering-herd', 'zombie-workers']);
  for (const name of incidents) {
    const model = await loadModel(name);
    expect(model.fidelity).toBe(`docs/incidents/${name}.md`);
    expect(existsSync(model.fidelity!)).toBe(true);
    const page = readFileSync(model.fidelity!, 'utf8');
    expect(page).toContain('| # | the write-up | the model');
    expect(page).toContain(`bin/sim.mjs run ${name}`);
    // Every row's verdict is one of the four.
    const verdicts = page.split('\n').filter((l) => /^\| \d+ \|/.test(l)).map((l) => l.split('|').at(-2)!.trim());
    expect(verdicts.length).toBeGreaterThan(10);
    for (const v of verdicts) expect(v).toMatch(/^(reproduced|partly|departs|not modelled|an extra what-if)\b/);
  }
});
