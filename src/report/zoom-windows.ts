import { InputError } from '../input-error.ts';
import { formatDuration } from '../kernel/duration.ts';

/**
 * Which stretches of a run the report shows zoomed in, and at what resolution. A finding
 * that is about a stretch of time (a resource held at capacity from 01:00 to 01:02) names
 * it; the report replays the run up to there with finer buckets (see runSeriesUntil) and
 * draws the stretch with some context on each side, so the shape of the minute is visible.
 */
export interface ZoomWindow {
  /** Shown span, simulated seconds, end exclusive. */
  readonly fromS: number;
  readonly toS: number;
  /** The flagged stretch inside it. */
  readonly flaggedFromS: number;
  readonly flaggedToS: number;
  /** The finding's title (or the user's request), for the caption. */
  readonly reason: string;
}

export interface ZoomPlan {
  readonly windows: readonly ZoomWindow[];
  /** Bucket width of the replay, seconds. */
  readonly stepS: number;
  /** Replay up to here. */
  readonly untilS: number;
}

/** At most this many zoomed panels: findings beyond it are still listed, just not zoomed. */
export const MAX_ZOOM_WINDOWS = 3;
/** A zoom shows at most this much time, from a little before the stretch starts: its onset. */
export const MAX_ZOOM_SPAN_S = 600;
/** Fine buckets per series, at most, over the run's length: what bounds the replay's memory. */
export const MAX_FINE_BUCKETS = 50_000;
/** Finest bucket used; coarser steps when the run is long. */
const STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600];

/** Fewest points across an explicitly requested span. */
const MAX_POINTS_PER_SPAN = 1200;

/**
 * The windows to zoom, in time order. `auto`: the stretches the findings flag, each padded
 * by a bucket on either side (half the stretch when longer), overlapping ones merged, at
 * most MAX_ZOOM_WINDOWS, each at most MAX_ZOOM_SPAN_S long. Requested spans are shown as
 * given. Null when there is nothing to zoom, or the run's buckets are already as fine as a
 * zoom would be.
 */
export function zoomPlan(
  req: ZoomRequest,
  flagged: readonly { readonly fromS: number; readonly toS: number; readonly reason: string }[],
  bucketS: number,
  durationS: number,
  endS: number,
): ZoomPlan | null {
  if (req.kind === 'off') return null;
  const windows: ZoomWindow[] = [];
  let stepS = fineStep(durationS, 0);
  if (req.kind === 'spans') {
    for (const s of req.spans) {
      const toS = Math.min(s.toS, endS);
      if (toS > s.fromS) windows.push({ fromS: s.fromS, toS, flaggedFromS: s.fromS, flaggedToS: toS, reason: 'requested with --zoom' });
    }
    stepS = fineStep(durationS, Math.max(0, ...windows.map((w) => w.toS - w.fromS)));
  } else {
    for (const f of flagged) {
      if (windows.length === MAX_ZOOM_WINDOWS) break;
      const pad = Math.max(bucketS, (f.toS - f.fromS) / 2);
      const fromS = Math.max(0, f.fromS - pad);
      const toS = Math.min(endS, f.toS + pad, fromS + MAX_ZOOM_SPAN_S);
      if (!(toS > fromS) || windows.some((w) => fromS < w.toS && w.fromS < toS)) continue;
      windows.push({ fromS, toS, flaggedFromS: f.fromS, flaggedToS: Math.min(f.toS, toS), reason: f.reason });
    }
  }
  if (windows.length === 0 || !zoomsIn(stepS, bucketS)) return null;
  windows.sort((a, b) => a.fromS - b.fromS);
  return { windows, stepS, untilS: Math.max(...windows.map((w) => w.toS)) };
}

/** The replay's bucket: 1 s where memory allows, coarser for long runs or long requested spans. */
export function fineStep(durationS: number, longestSpanS: number): number {
  const min = Math.max(durationS / MAX_FINE_BUCKETS, longestSpanS / MAX_POINTS_PER_SPAN);
  return STEPS_S.find((s) => s >= min) ?? Math.ceil(min);
}

/** A zoom is worth drawing when its buckets are at most half the run's. */
export function zoomsIn(stepS: number, bucketS: number): boolean {
  return stepS * 2 <= bucketS;
}
/**
 * `--zoom`: `auto` (the findings' stretches, the default), `off`, or explicit spans of
 * simulated time `FROM-TO[,FROM-TO...]` in durations (`1h-1h05m`).
 */
export type ZoomRequest = { readonly kind: 'auto' } | { readonly kind: 'off' } | { readonly kind: 'spans'; readonly spans: readonly { readonly fromS: number; readonly toS: number }[] };

/** Parses `--zoom`; spans are checked against the run's length and bucket before it starts. */
export function parseZoom(text: string | undefined, bucketS: number, durationS: number, parse: (t: string) => number): ZoomRequest {
  if (text === undefined || text === 'auto') return { kind: 'auto' };
  if (text === 'off') return { kind: 'off' };
  const spans = text.split(',').map((part) => {
    const m = /^\s*([^-\s]+)\s*-\s*([^-\s]+)\s*$/.exec(part);
    if (!m) throw new InputError(`--zoom: '${part}' is not a span; use auto, off, or FROM-TO in simulated time such as 1h-1h05m (several separated by commas)`);
    const fromS = parse(m[1]!);
    const toS = parse(m[2]!);
    if (!(toS > fromS)) throw new InputError(`--zoom: in '${part}' the end must be after the start`);
    if (fromS >= durationS) throw new InputError(`--zoom: '${part}' starts after the run ends (${formatDuration(durationS)})`);
    return { fromS, toS };
  });
  if (!zoomsIn(fineStep(durationS, Math.max(...spans.map((s) => s.toS - s.fromS))), bucketS)) {
    throw new InputError(`--zoom: the run's buckets (${formatDuration(bucketS)}) are already as fine as a zoom of ${text} would be; open the span in the report's charts instead`);
  }
  return { kind: 'spans', spans };
}
