import { formatDuration, parseDuration } from '../kernel/duration.ts';
import type { Model } from '../model/define-model.ts';
import { allowedText, flagName, formatParam } from '../model/param.ts';

/** The parameter table shared by `sim describe` and `sim run <model> --help`. */
export function modelHelp(model: Model, command: string): string {
  const rows = Object.entries(model.params).map(([key, spec]) => {
    const unit = spec.unit && spec.kind !== 'duration' && spec.kind !== 'rate' ? ` ${spec.unit}` : '';
    return [`--${flagName(key)}`, `${formatParam(spec, spec.default)}${unit}`, allowedText(spec), spec.description];
  });
  rows.push(['--duration', formatDuration(parseDuration(model.duration)), 'duration', 'simulated time to run (250ms, 15m, 1h30m, 2d)']);
  rows.push(['--seed', '1', 'integer 0..', 'master random seed; same seed, same bytes']);
  rows.push(['--out', `reports/${model.name}`, 'directory', 'where summary.json, timeseries.csv, charts/ and report.html go']);
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const table = rows.map((r) => `  ${r[0]!.padEnd(w[0]!)}  ${r[1]!.padEnd(w[1]!)}  ${r[2]!.padEnd(w[2]!)}  ${r[3]}`).join('\n');
  const paragraphs = model.description ? model.description.split(/\n\s*\n/).map((p) => wrap(p, 92)) : [];
  if (model.fidelity) paragraphs.push(wrap(`The incident's figures against the model's, each with the command that reproduces it: ${model.fidelity}`, 92));
  const desc = paragraphs.length > 0 ? `\n${paragraphs.join('\n\n')}\n` : '';
  return `${command}\n\n${model.summary}\n${desc}\nParameters (flag, default, allowed, meaning):\n${table}\n`;
}

function wrap(text: string, width: number): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join('\n');
}
