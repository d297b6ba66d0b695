import { InputError } from '../../input-error.ts';
import { parseDistribution } from '../distributions/parse-distribution.ts';
import type { ArrivalTimes } from './arrival-times.ts';
import { PoissonArrivals } from './poisson-arrivals.ts';
import { RATE_SCHEDULE_FORMS, RateSchedule } from './rate-schedule.ts';
import { RenewalArrivals } from './renewal-arrivals.ts';

/**
 * One text form of arrival times. A form is chosen by its prefix (`every `); text with no
 * known prefix is a rate schedule. A new form is one more entry in `ARRIVAL_TIMES_FORMS`, with
 * its prefix, an example for error messages, and its parser. (Traces, `trace:PATH`, are read
 * one level up, by `parseArrivals` in src/inputs, which also takes every form here.)
 */
export interface ArrivalTimesForm {
  readonly prefix: string;
  /** How the form reads, for error messages and help text. */
  readonly example: string;
  /** `body` is the text after the prefix; `what` names the flag or field in errors. */
  parse(body: string, what: string): ArrivalTimes;
}

export const ARRIVAL_TIMES_FORMS: readonly ArrivalTimesForm[] = [
  {
    prefix: 'every ',
    example: "'every uniform(1s, 3s)' (a renewal process: independent gaps)",
    parse: (body, what) => new RenewalArrivals(parseDistribution(body.trim(), `${what}: every`)),
  },
];

/** Every accepted form, for help text and error messages. */
export function arrivalTimesFormsText(): string {
  return [RATE_SCHEDULE_FORMS, ...ARRIVAL_TIMES_FORMS.map((f) => f.example)].join('; ');
}

/**
 * Reads arrivals from text: a Poisson rate or rate schedule (`40/s; 20s: 80/s; 25s: 40/s`,
 * ramps, repeats, `daily ...`; exact NHPP by inversion, see `PoissonArrivals`), or another
 * form of `ARRIVAL_TIMES_FORMS` (`every uniform(1s, 3s)`). `what` names the flag or field in errors.
 */
export function parseArrivalTimes(text: string | number, what = 'arrivals'): ArrivalTimes {
  if (typeof text === 'number') return new PoissonArrivals(RateSchedule.parse(text, what));
  if (typeof text !== 'string') throw new InputError(`${what}: expected arrivals such as 40/s or '40/s; 20s: 80/s'`);
  const src = text.trim();
  for (const form of ARRIVAL_TIMES_FORMS) {
    if (src.startsWith(form.prefix)) return form.parse(src.slice(form.prefix.length), what);
  }
  return new PoissonArrivals(RateSchedule.parse(src, what));
}
