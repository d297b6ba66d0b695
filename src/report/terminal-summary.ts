import type { RunResult } from '../model/run-model.ts';
import type { Finding } from './findings.ts';
import { formatNumber } from './html.ts';

/** The short table `sim run` prints: the parameters that differ from nothing, then every metric. */
export function terminalSummary(r: RunResult): string {
  const params = Object.entries(r.paramText).map(([k, v]) => `${k}=${v}`).join(' ');
  const rows = Object.entries(r.metrics).map(([k, v]) => [k, v === null ? '–' : formatNumber(v)] as const);
  const w = Math.max(...rows.map(([k]) => k.length), 6);
  const vw = Math.max(...rows.map(([, v]) => v.length), 5);
  const lines = [`${r.model}  seed=${r.seed}  ${params}`, '', `  ${'metric'.padEnd(w)}  ${'value'.padStart(vw)}`, `  ${'-'.repeat(w)}  ${'-'.repeat(vw)}`];
  for (const [k, v] of rows) lines.push(`  ${k.padEnd(w)}  ${v.padStart(vw)}`);
  return `${lines.join('\n')}\n`;
}

/** The findings section of `sim run`'s output: severity, what is wrong, evidence, what to do. */
export function terminalFindings(list: readonly Finding[]): string {
  if (list.length === 0) return '\nWhat the metrics reveal: nothing the rules flag.\n';
  const lines = ['', 'What the metrics reveal:'];
  for (const f of list) {
    lines.push(`  [${f.severity.toUpperCase()}] ${f.title}`);
    lines.push(`      evidence: ${f.evidence}`);
    lines.push(`      do: ${f.recommendation}`);
  }
  return `${lines.join('\n')}\n`;
}
