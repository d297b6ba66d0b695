import type { Tolerance } from './tolerance.ts';

/**
 * A tolerance as a check file writes it: `'5%'` (relative), `3` (absolute, in the metric's
 * unit), or `{ relative: 5%, absolute: 3 }` (either bound; relative also as a fraction, 0.05).
 * Returns the problem as text (the caller names the file and line), or the tolerance.
 */
export function parseTolerance(raw: unknown): Tolerance | string {
  if (typeof raw === 'number') return raw >= 0 && Number.isFinite(raw) ? { relative: 0, absolute: raw } : 'an absolute tolerance must be a number >= 0';
  if (typeof raw === 'string') {
    const rel = percent(raw);
    return rel ?? `'${raw}' is not a tolerance; write a percentage like 5% or a number like 3`;
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    const extra = Object.keys(o).find((k) => k !== 'relative' && k !== 'absolute');
    if (extra !== undefined) return `unknown field '${extra}'; a tolerance has relative and absolute`;
    if (o.relative === undefined && o.absolute === undefined) return 'give relative, absolute or both';
    let relative = 0;
    let absolute = 0;
    if (o.relative !== undefined) {
      const r = typeof o.relative === 'string' ? percent(o.relative)?.relative : typeof o.relative === 'number' && o.relative >= 0 && Number.isFinite(o.relative) ? o.relative : undefined;
      if (r === undefined) return 'relative must be a percentage like 5% or a fraction like 0.05';
      relative = r;
    }
    if (o.absolute !== undefined) {
      if (typeof o.absolute !== 'number' || !(o.absolute >= 0) || !Number.isFinite(o.absolute)) return 'absolute must be a number >= 0';
      absolute = o.absolute;
    }
    return { relative, absolute };
  }
  return "expected a relative tolerance like '5%', an absolute one like 3, or { relative: 5%, absolute: 3 }";
}

function percent(text: string): Tolerance | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(text);
  return m ? { relative: Number(m[1]) / 100, absolute: 0 } : null;
}
