import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { readTree, sim, tempDir } from './helpers/cli.ts';

describe('sim run output', () => {
  const dir = tempDir();
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  const c = join(dir, 'c');
  const args = ['run', 'mm-c', '--duration', '10m', '--servers', '4', '--arrival-rate', '30/s'];

  test('the same model, params and seed write byte-identical output directories', () => {
    expect(sim([...args, '--out', a]).code).toBe(0);
    expect(sim([...args, '--out', b]).code).toBe(0);
    const ta = readTree(a);
    expect(Object.keys(ta)).toEqual([
      'charts/queue-depth.svg',
      'charts/queue-depth.vl.json',
      'charts/servers-busy.svg',
      'charts/servers-busy.vl.json',
      'charts/timeline.svg',
      'charts/timeline.vl.json',
      'charts/wait.svg',
      'charts/wait.vl.json',
      'report.html',
      'run.json',
      'summary.json',
      'timeseries.csv',
    ]);
    expect(readTree(b)).toEqual(ta);
  });

  test('a different seed gives different numbers', () => {
    expect(sim([...args, '--seed', '2', '--out', c]).code).toBe(0);
    const m1 = JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8')).metrics;
    const m2 = JSON.parse(readFileSync(join(c, 'summary.json'), 'utf8')).metrics;
    expect(m2.wait_mean_s).not.toBe(m1.wait_mean_s);
    expect(m2.customers).not.toBe(m1.customers);
  });

  test('summary.json follows the contract: model, seed, params with defaults and duration, numeric metrics', () => {
    const s = JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8'));
    expect(Object.keys(s)).toEqual(['model', 'seed', 'params', 'metrics']);
    expect(s.model).toBe('mm-c');
    expect(s.seed).toBe(1);
    expect(s.params).toEqual({ 'arrival-rate': 30, 'service-time': 0.1, servers: 4, duration: 600 });
    for (const [name, v] of Object.entries(s.metrics)) {
      expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(typeof v).toBe('number');
    }
  });

  test('timeseries.csv is tidy: one observation per row with named columns', () => {
    const lines = readFileSync(join(a, 'timeseries.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('time_s,metric,stat,value');
    expect(lines).toContain('0,servers_busy,max,4');
    for (const l of lines.slice(1)) expect(l).toMatch(/^\d+(\.\d+)?,[a-z_0-9]+,[a-z0-9]+,-?[\d.e+-]+$/);
  });

  test('report.html is self-contained: inline SVG charts, inline scripts only, no external resources', () => {
    const html = readFileSync(join(a, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    // Scripts are inlined (Vega, vega-embed, the page's own): none is fetched from anywhere.
    expect(html.match(/<script>/g)?.length).toBe(3);
    const page = html.replace(/<script>[\s\S]*?<\/script>/g, '<script></script>');
    expect(page).not.toMatch(/<script[^>]*\ssrc=|<link|<img|<iframe|src="http|href="http/);
    expect(html).toContain('wait_mean_s');
  });
});
