/**
 * Metric names in words, for chart titles and axes. Names follow sim's convention
 * (snake_case, a unit suffix `_ms`, `_s`, `_mb`, `_ratio`, `_per_s` where there is a unit,
 * perhaps followed by a qualifier such as `_worst_minute`), so the unit is read from the
 * name: `api_latency_p99_ms_worst_minute` reads "API latency p99, worst minute" in ms.
 */
export interface MetricLabel {
  /** `API latency p99, worst minute` */
  readonly words: string;
  /** `ms`, `s`, `MB`, `%` (ratios are shown as percentages), `/s`; '' for a plain count. */
  readonly unit: string;
  /** Multiply values by this to show them in `unit` (100 for ratios). */
  readonly factor: number;
}

const UNITS: readonly { readonly suffix: readonly string[]; readonly unit: string; readonly factor: number }[] = [
  { suffix: ['per', 's'], unit: '/s', factor: 1 },
  { suffix: ['ms'], unit: 'ms', factor: 1 },
  { suffix: ['s'], unit: 's', factor: 1 },
  { suffix: ['mb'], unit: 'MB', factor: 1 },
  { suffix: ['ratio'], unit: '%', factor: 100 },
];

/** Words written in capitals when they stand alone in a name. */
const ACRONYMS = new Set(['api', 'db', 'cpu', 'io', 'http', 'sla', 'slo', 'dlq', 'id', 'url', 'ttl']);

export function metricLabel(name: string): MetricLabel {
  const parts = name.split('_').filter((p) => p !== '');
  // The last unit suffix in the name (the longer of two that end at the same word: `_per_s`
  // over `_s`); what follows it qualifies the measure.
  let unitAt = -1;
  let unit: (typeof UNITS)[number] | undefined;
  for (let end = parts.length; end > 1 && !unit; end--) {
    for (const u of UNITS) {
      const at = end - u.suffix.length;
      if (at > 0 && u.suffix.every((x, k) => parts[at + k] === x)) {
        unitAt = at;
        unit = u;
        break;
      }
    }
  }
  const word = (p: string) => (ACRONYMS.has(p) ? p.toUpperCase() : p);
  const head = (unitAt < 0 ? parts : parts.slice(0, unitAt)).map(word);
  const tail = unitAt < 0 ? [] : parts.slice(unitAt + unit!.suffix.length).map(word);
  let words = head.join(' ') + (tail.length ? `, ${tail.join(' ')}` : '');
  words = words.charAt(0).toUpperCase() + words.slice(1);
  return { words, unit: unit?.unit ?? '', factor: unit?.factor ?? 1 };
}

/** `API latency p99, worst minute (ms)`: a title or axis with its unit. */
export function metricTitle(name: string): string {
  const l = metricLabel(name);
  return l.unit ? `${l.words} (${l.unit})` : l.words;
}
