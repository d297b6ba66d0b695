import { closeNames } from '../close-names.ts';

/** `unknown metric 'x'; close names: a, b` or, when nothing is close, every name. */
export function unknownMetricMessage(name: string, known: readonly string[]): string {
  const close = closeNames(name, known);
  if (close.length > 0) return `unknown metric '${name}'; close names: ${close.join(', ')}`;
  return `unknown metric '${name}'; the metrics are: ${known.join(', ')}`;
}
