import { InputError } from '../input-error.ts';
import type { Model } from '../model/define-model.ts';
import { flagName } from '../model/param.ts';

/**
 * `--arrival-rate -5/s` reaches the parser as `--arrival-rate` (no value) and a short option
 * `-5` with value `/s`, which would be reported as an unknown `--5`. A flag named by digits is
 * always such a negative value: report it against the flag it was meant for, with the value
 * as typed.
 */
export function rejectNegativeValues(model: Model, args: Readonly<Record<string, unknown>>): void {
  const stray = Object.keys(args).find((k) => /^\d/.test(k));
  if (stray === undefined) return;
  const rest = args[stray];
  const typed = `-${stray}${typeof rest === 'string' ? rest : '…'}`;
  const flags = new Map(Object.entries(model.params).map(([key, spec]) => [flagName(key), spec]));
  const meant = Object.keys(args).find((k) => args[k] === true && flags.has(k) && flags.get(k)!.kind !== 'bool');
  const where = meant ? `--${meant}` : 'a flag';
  throw new InputError(`${where}: '${typed}' is negative; this value must be >= 0`);
}
