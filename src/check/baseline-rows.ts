import { formatDuration } from '../kernel/duration.ts';
import type { BaselineRecord } from './baseline-record.ts';
import type { CheckFile } from './check-file.ts';
import type { CheckRow } from './check-row.ts';
import { formatNumber } from './format-number.ts';
import { formatTolerance, type Tolerance, withinTolerance } from './tolerance.ts';

/**
 * Holds a check file's current metrics to its recorded baseline: a row per grid point whose
 * metrics all stayed within tolerance, and a failing row per metric that moved further (or
 * lost its value, or is no longer reported). Metrics the model newly reports are not
 * judged until the baseline is updated.
 */
export function baselineRows(
  file: CheckFile,
  recorded: BaselineRecord | undefined,
  current: BaselineRecord,
  baselineFile: string,
  /** The command that records a new baseline, for the hint in each message. */
  updateCommand = 'sim check --update-baseline',
): CheckRow[] {
  const policy = file.baseline;
  if (!policy.enabled) return [];
  const update = `run ${updateCommand} and commit ${baselineFile}`;
  if (!recorded) {
    return [{ kind: 'baseline', check: 'baseline', point: '', expected: `a record in ${baselineFile}`, actual: 'none recorded', verdict: 'new', line: 1, note: `no baseline for ${file.file}; ${update}` }];
  }
  const changed = settingChanges(recorded, current);
  if (changed.length > 0) {
    const expected = `recorded with ${changed.map((c) => c.was).join(', ')}`;
    const actual = `now ${changed.map((c) => c.now).join(', ')}`;
    return [{ kind: 'baseline', check: 'baseline', point: '', expected, actual, verdict: 'fail', line: 1, note: `the baseline of ${file.file} was ${expected}, the file now runs ${actual}; if that change is intended, ${update}` }];
  }
  const rows: CheckRow[] = [];
  for (const [label, metrics] of Object.entries(current.points)) {
    const check = `baseline [${label}]`;
    const old = recorded.points[label];
    if (!old) {
      rows.push({ kind: 'baseline', check, point: label, expected: 'a recorded point', actual: 'none recorded', verdict: 'new', line: 1, note: `no baseline for ${label} in ${file.file}; ${update}` });
      continue;
    }
    const drifted: CheckRow[] = [];
    let judged = 0;
    let largest: { name: string; change: number } | null = null;
    for (const [name, was] of Object.entries(old)) {
      if (policy.ignore.has(name)) continue;
      judged++;
      const tol = policy.metrics.get(name) ?? policy.tolerance;
      const now = name in metrics ? metrics[name]! : undefined;
      const ok = was === null ? now === null : now !== null && now !== undefined && withinTolerance(tol, was, now);
      if (ok) {
        if (was !== null && now !== null && now !== undefined && now !== was) {
          const change = was === 0 ? Infinity : Math.abs(now - was) / Math.abs(was);
          if (!largest || change > largest.change) largest = { name, change };
        }
        continue;
      }
      const expected = `${name} ${was === null ? 'no value' : `${formatNumber(was)} ${tolText(tol)}`}`;
      const actual = now === undefined ? 'not reported' : now === null ? 'no value' : `${formatNumber(now)}${was === null ? '' : ` (${change(was, now)})`}`;
      drifted.push({ kind: 'baseline', check, point: label, expected, actual, verdict: 'fail', line: 1, note: `${name} at ${label} moved from the baseline: expected ${expected}, got ${actual}; if intended, ${update}` });
    }
    if (drifted.length > 0) rows.push(...drifted);
    else {
      const tolerance = policy.metrics.size > 0 ? 'their tolerances' : formatTolerance(policy.tolerance);
      const actual = largest ? `largest change ${largest.name} ${largest.change === Infinity ? 'off 0' : `${formatNumber(Number((largest.change * 100).toPrecision(2)))}%`}` : 'unchanged';
      rows.push({ kind: 'baseline', check, point: label, expected: `${judged} metrics within ${tolerance}`, actual, verdict: 'pass', line: 1 });
    }
  }
  return rows;
}

/** The row written when --update-baseline records a file. */
export function updatedRow(current: BaselineRecord, baselineFile: string): CheckRow {
  const points = Object.keys(current.points).length;
  const metrics = Object.values(current.points)[0] ? Object.keys(Object.values(current.points)[0]!).length : 0;
  return { kind: 'baseline', check: 'baseline', point: '', expected: `recorded in ${baselineFile}`, actual: `${points} point${points === 1 ? '' : 's'} × ${metrics} metrics`, verdict: 'updated', line: 1 };
}

function tolText(t: Tolerance): string {
  const f = formatTolerance(t);
  return f.startsWith('±') ? f : f === 'exact' ? 'exactly' : `± ${f}`;
}

function change(was: number, now: number): string {
  const d = now - was;
  const sign = d > 0 ? '+' : d < 0 ? '-' : '±';
  if (was === 0) return `${sign}${formatNumber(Math.abs(d))}`;
  return `${sign}${formatNumber(Number(((Math.abs(d) / Math.abs(was)) * 100).toPrecision(3)))}%`;
}

/** Settings that differ between the record and this run: they change every metric. */
function settingChanges(was: BaselineRecord, now: BaselineRecord): { was: string; now: string }[] {
  const out: { was: string; now: string }[] = [];
  if (was.model !== now.model) out.push({ was: `model ${was.model}`, now: `model ${now.model}` });
  if (was.duration_s !== now.duration_s) out.push({ was: `duration ${formatDuration(was.duration_s)}`, now: `duration ${formatDuration(now.duration_s)}` });
  if (JSON.stringify(was.seeds) !== JSON.stringify(now.seeds)) out.push({ was: `seeds ${was.seeds.join(',')}`, now: `seeds ${now.seeds.join(',')}` });
  // Parameters only one side has (a model's new parameter) are left to the metrics to judge.
  for (const [k, v] of Object.entries(was.params ?? {})) {
    if (k in now.params && now.params[k] !== v) out.push({ was: `${k}=${String(v)}`, now: `${k}=${String(now.params[k])}` });
  }
  return out;
}
