/**
 * Timestamps as logs write them, to seconds since the Unix epoch (UTC), the same on every
 * machine (never through the local time zone):
 * - epoch seconds, possibly fractional: `1709280000`, `1709280000.125`;
 * - ISO 8601 / RFC 3339: `2024-03-01T08:00:00Z`, `2024-03-01 08:00:00.125+01:00`,
 *   `2024-03-01T08:00`. A time without an offset is UTC.
 * Anything else gives NaN.
 */
const EPOCH = /^\d+(\.\d+)?$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseTimestamp(text: string, epochUnitS = 1): number {
  const s = text.trim();
  if (EPOCH.test(s)) return Number(s) * epochUnitS;
  const m = ISO.exec(s);
  if (!m) return NaN;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 24 || Number(mi) > 59 || Number(sec) > 60) return NaN;
  const ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(sec));
  // Date.UTC rolls 31 February over into March; such a date is not a date.
  if (new Date(ms).getUTCDate() !== day && Number(h) < 24) return NaN;
  let offsetS = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetS = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2) || '0') * 60);
  }
  return ms / 1000 + (frac ? Number(frac) : 0) - offsetS;
}

/** Epoch seconds as ISO 8601 UTC, to the second: `2024-03-01T08:00:00Z`. */
export function formatTimestamp(epochS: number): string {
  return `${new Date(Math.floor(epochS) * 1000).toISOString().slice(0, 19)}Z`;
}
