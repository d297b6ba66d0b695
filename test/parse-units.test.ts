import { describe, expect, test } from 'vitest';
import { formatDuration, formatRate, InputError, parseDuration, parseRate } from '../src/index.ts';

describe('durations and rates', () => {
  test('durations parse to seconds in every documented form', () => {
    expect(parseDuration('250ms')).toBe(0.25);
    expect(parseDuration('15m')).toBe(900);
    expect(parseDuration('1h30m')).toBe(5400);
    expect(parseDuration('2d')).toBe(172800);
    expect(parseDuration('1.5s')).toBe(1.5);
    expect(parseDuration('90')).toBe(90);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration(' 2h ')).toBe(7200);
  });

  test('a malformed duration names the field and the allowed forms', () => {
    for (const bad of ['15x', '', 'm', '1h30', '-5m', '1.2.3s', 'abc']) {
      expect(() => parseDuration(bad, '--jitter')).toThrow(InputError);
    }
    expect(() => parseDuration('15x', '--jitter')).toThrow("--jitter: malformed duration '15x'; use a number with a unit: 250ms, 15m, 1h30m, 2d (units us, ms, s, m, h, d)");
  });

  test('durations format back to the compact form', () => {
    expect(formatDuration(900)).toBe('15m');
    expect(formatDuration(5400)).toBe('1h30m');
    expect(formatDuration(0.25)).toBe('250ms');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(90061)).toBe('1d1h1m1s');
    for (const s of ['250ms', '15m', '1h30m', '2d', '1d2h3m4s']) expect(parseDuration(formatDuration(parseDuration(s)))).toBe(parseDuration(s));
  });

  test('rates parse to events per second', () => {
    expect(parseRate('100/s')).toBe(100);
    expect(parseRate('5000/h')).toBeCloseTo(5000 / 3600, 12);
    expect(parseRate('30/m')).toBe(0.5);
    expect(parseRate('2/d')).toBeCloseTo(2 / 86400, 15);
    expect(parseRate('12')).toBe(12);
    expect(() => parseRate('5/x', '--arrival-rate')).toThrow("--arrival-rate: malformed rate '5/x'; use a count per unit: 100/s, 30/m, 5000/h, 2/d");
    expect(formatRate(parseRate('5000/h'))).toBe('5000/h');
    expect(formatRate(90)).toBe('90/s');
  });
});
