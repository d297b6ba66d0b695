import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sim, tempDir } from './helpers/cli.ts';

const GOOD = 'test/fixtures/check/herd.yaml';
const BROKEN = 'test/fixtures/check/herd-ignores-jitter.yaml';

/**
 * Well-formedness of the XML sim writes (no parser is a dependency): one prolog, tags
 * nested and closed in order, attributes quoted, no raw '<' or stray '&' in text or values.
 * Returns the elements as [name, attributes] in document order.
 */
function parseXml(xml: string): [string, Record<string, string>][] {
  const prolog = '<?xml version="1.0" encoding="UTF-8"?>\n';
  expect(xml.startsWith(prolog)).toBe(true);
  const body = xml.slice(prolog.length);
  const elements: [string, Record<string, string>][] = [];
  const stack: string[] = [];
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  const text = (s: string) => expect(s.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, '')).not.toMatch(/[&<]/);
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < body.length && (m = token.exec(body)) !== null) {
    at = token.lastIndex;
    if (m[5] !== undefined) {
      text(m[5]);
      continue;
    }
    const [, close, name, attrText, selfClose] = m;
    if (close) {
      expect(stack.pop()).toBe(name);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of attrText!.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      expect(attrs).not.toHaveProperty(a[1]!);
      text(a[2]!);
      attrs[a[1]!] = a[2]!;
    }
    elements.push([name!, attrs]);
    if (!selfClose) stack.push(name!);
  }
  expect(at).toBe(body.length);
  expect(stack).toEqual([]);
  return elements;
}

describe('sim check as a CI gate', () => {
  const dir = tempDir('sim-check-');
  const baseline = join(dir, 'baseline.json');

  test('a model that ignores its jitter makes sim check exit 1 and shows the failing rows', () => {
    const r = sim(['check', BROKEN, '--baseline', baseline]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ {2}jitter removes it +wait_p99_s_worst_minute < 2 +28\.125 +FAIL$/m);
    expect(r.stdout).toMatch(/^ {2}jitter=15m vs jitter=0s +wait_p99_s_worst_minute ≥ 10× lower +1× \(28\.125 → 28\.125\) +FAIL$/m);
    expect(r.stdout).toContain(`${BROKEN}:12: FAIL: jitter removes it: expected wait_p99_s_worst_minute < 2, got 28.125`);
    expect(r.stdout).toMatch(/^FAILED: 5 checks in 1 file: 2 passed, 2 failed, 1 without a baseline$/m);
  });

  test('the same checks pass against the model that honours its jitter', () => {
    const r = sim(['check', GOOD, '--baseline', baseline]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}jitter removes it +wait_p99_s_worst_minute < 2 +0 +pass$/m);
    expect(r.stdout).toMatch(/^ {2}jitter=15m vs jitter=0s +wait_p99_s_worst_minute ≥ 10× lower +∞× \(28\.125 → 0\) +pass$/m);
    expect(r.stdout).toMatch(/^ok: 5 checks in 1 file: 4 passed, 0 failed, 1 without a baseline$/m);
  });

  test('--junit writes well-formed JUnit XML and --json the same verdicts, whose counts match', () => {
    const junit = join(dir, 'reports', 'junit.xml');
    const r = sim(['check', GOOD, BROKEN, '--baseline', baseline, '--junit', junit, '--json']);
    expect(r.code).toBe(1);
    const elements = parseXml(readFileSync(junit, 'utf8'));
    const [root, ...rest] = elements;
    expect(root).toEqual(['testsuites', expect.objectContaining({ name: 'sim check', tests: '10', failures: '2', errors: '0', skipped: '2' })]);
    const suites = rest.filter(([n]) => n === 'testsuite').map(([, a]) => [a.name, a.tests, a.failures, a.skipped]);
    expect(suites).toEqual([
      [GOOD, '5', '0', '1'],
      [BROKEN, '5', '2', '1'],
    ]);
    expect(elements.filter(([n]) => n === 'testcase')).toHaveLength(10);
    const failures = elements.filter(([n]) => n === 'failure').map(([, a]) => a.message);
    expect(failures).toEqual(['expected wait_p99_s_worst_minute &lt; 2, got 28.125', 'expected wait_p99_s_worst_minute ≥ 10× lower, got 1× (28.125 → 28.125)']);
    expect(elements.filter(([n]) => n === 'skipped')).toHaveLength(2);

    const doc = JSON.parse(r.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.totals).toEqual({ checks: 10, passed: 6, failed: 2, without_baseline: 2, baseline_updated: 0 });
    expect(doc.files.map((f: { checks: { verdict: string }[] }) => f.checks.map((c) => c.verdict))).toEqual([
      ['pass', 'pass', 'pass', 'pass', 'new'],
      ['pass', 'fail', 'pass', 'fail', 'new'],
    ]);
    expect(doc.files[1]).toMatchObject({ file: BROKEN, model: 'check-herd', duration_s: 4800, seeds: [1], points: 2 });
    expect(doc.files[1].checks[1]).toEqual({
      kind: 'expect',
      check: 'jitter removes it',
      point: 'jitter=15m',
      expected: 'wait_p99_s_worst_minute < 2',
      actual: '28.125',
      verdict: 'fail',
      line: 12,
      note: 'jitter removes it: expected wait_p99_s_worst_minute < 2, got 28.125',
    });
  });
});
