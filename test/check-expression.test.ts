import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { evaluateExpression } from '../src/check/evaluate-expression.ts';
import { formatExpression } from '../src/check/expression.ts';
import { ExpressionError } from '../src/check/expression-error.ts';
import { parseExpression } from '../src/check/parse-expression.ts';
import { checkProperty } from './helpers/property.ts';

const problem = (text: string): { message: string; column: number } => {
  try {
    parseExpression(text);
  } catch (e) {
    if (e instanceof ExpressionError) return { message: e.message, column: e.column };
    throw e;
  }
  throw new Error(`'${text}' parsed`);
};

describe('check expressions: parsing', () => {
  test('a metric compared with a number parses into its two sides and operator', () => {
    expect(parseExpression('api_latency_p99_ms_worst_minute < 500')).toEqual({
      left: { kind: 'metric', metric: 'api_latency_p99_ms_worst_minute' },
      op: '<',
      right: { kind: 'number', value: 500, text: '500' },
    });
  });

  test('every operator, aggregate, negative and grouped number parses and prints back canonically', () => {
    const cases: [string, string][] = [
      ['duplicates==0', 'duplicates == 0'],
      ['retry_success_ratio >0.5', 'retry_success_ratio > 0.5'],
      ['mean(x) <= 1e3', 'mean(x) <= 1e3'],
      ['median( x )>2', 'median(x) > 2'],
      ['ci_high( wait_s ) < 5_000', 'ci_high(wait_s) < 5_000'],
      ['ci_low(a) >= -2.5', 'ci_low(a) >= -2.5'],
      ['max(a) != min(b)', 'max(a) != min(b)'],
      ['0.5 < retry_success_ratio', '0.5 < retry_success_ratio'],
      ['users_failed == users_bad_data', 'users_failed == users_bad_data'],
    ];
    for (const [text, canonical] of cases) expect(formatExpression(parseExpression(text))).toBe(canonical);
    expect(parseExpression('x < 5_000').right).toEqual({ kind: 'number', value: 5000, text: '5_000' });
  });

  test('malformed expressions name the problem and its column', () => {
    expect(problem('api_latency 500')).toEqual({ message: "expected an operator (<, <=, >, >=, ==, !=) after 'api_latency', found '500'", column: 13 });
    expect(problem('duplicates = 0')).toEqual({ message: "'=' is not an operator; use == to test equality", column: 12 });
    expect(problem('p99(x) < 5')).toEqual({ message: "'p99' is not a function; use one of mean, median, ci_low, ci_high, min, max", column: 1 });
    expect(problem('mean(x < 5')).toEqual({ message: "expected ')' after mean(x, found '<'", column: 8 });
    expect(problem('x < 500ms')).toMatchObject({ column: 5 });
    expect(problem('x < 500ms').message).toMatch(/plain number in the metric's own unit/);
    expect(problem('x < 5 && y > 2')).toEqual({ message: "unexpected character '&'", column: 7 });
    expect(problem('x < 5 y')).toEqual({ message: "unexpected 'y' after the comparison; write one comparison per expression", column: 7 });
    expect(problem('1 < 2')).toEqual({ message: 'compares two numbers; one side must name a metric', column: 1 });
    expect(problem('  ')).toMatchObject({ column: 1 });
    expect(problem('x <')).toEqual({ message: 'expected a metric name or a number, found the end', column: 4 });
  });

  test('nothing in an expression is ever run as code', () => {
    expect(problem('process.exit(3) < 1').message).toMatch(/unexpected character '\.'/);
    expect(problem('constructor < 1; 1')).toMatchObject({ column: 16 });
  });
});

describe('check expressions: evaluation over replications', () => {
  const runs = [{ p99: 120, errors: 0 }, { p99: 480, errors: 0 }, { p99: 300, errors: 2 }];

  test('a bare metric must hold in every replication, and the worst one is shown with its seed', () => {
    const r = evaluateExpression(parseExpression('p99 < 400'), runs, [1, 2, 3]);
    expect(r).toEqual({ pass: false, left: 480, right: 400, replication: 1, actual: '480 (worst of 3, seed 2)' });
    expect(evaluateExpression(parseExpression('p99 < 500'), runs, [1, 2, 3])).toMatchObject({ pass: true, actual: '480 (worst of 3, seed 2)' });
    expect(evaluateExpression(parseExpression('errors == 0'), runs, [1, 2, 3])).toMatchObject({ pass: false, actual: '2 (worst of 3, seed 3)' });
  });

  test('aggregates reduce the replications to one number', () => {
    expect(evaluateExpression(parseExpression('mean(p99) < 301'), runs)).toMatchObject({ pass: true, left: 300, replication: null, actual: '300' });
    expect(evaluateExpression(parseExpression('max(p99) <= 480'), runs)).toMatchObject({ pass: true, left: 480 });
    expect(evaluateExpression(parseExpression('min(p99) > 120'), runs)).toMatchObject({ pass: false, left: 120 });
    // The middle replication of an odd count, the mean of the middle two of an even one.
    expect(evaluateExpression(parseExpression('median(p99) == 300'), runs)).toMatchObject({ pass: true, left: 300 });
    const four = [{ x: 9 }, { x: 1 }, { x: 100 }, { x: 3 }];
    expect(evaluateExpression(parseExpression('median(x) == 6'), four)).toMatchObject({ pass: true, left: 6 });
    // mean 300, sd 180, t(0.975, 2) = 4.302653: 300 ± 447.1448
    const hi = evaluateExpression(parseExpression('ci_high(p99) < 1000'), runs);
    expect(hi.left).toBeCloseTo(747.1448, 3);
    expect(evaluateExpression(parseExpression('ci_low(p99) < 0'), runs).left).toBeCloseTo(-147.1448, 3);
  });

  test('strict and non-strict operators differ exactly on the boundary', () => {
    const one = [{ x: 5 }];
    const verdict = (op: string) => evaluateExpression(parseExpression(`x ${op} 5`), one).pass;
    expect(['<', '<=', '>', '>=', '==', '!='].map(verdict)).toEqual([false, true, false, true, true, false]);
  });

  test('a metric with no value fails whatever the operator', () => {
    for (const op of ['<', '<=', '>', '>=', '==', '!=']) {
      const r = evaluateExpression(parseExpression(`x ${op} 1`), [{ x: null }]);
      expect(r).toMatchObject({ pass: false, left: null, actual: 'no value' });
    }
    expect(evaluateExpression(parseExpression('mean(x) < 1'), [{ x: null }, { y: 1 }])).toMatchObject({ pass: false, actual: 'no value' });
  });

  test('over any replications, a bare comparison passes exactly when every replication passes on its own', () => {
    const ops = ['<', '<=', '>', '>=', '==', '!='] as const;
    const js = { '<': (a: number, b: number) => a < b, '<=': (a: number, b: number) => a <= b, '>': (a: number, b: number) => a > b, '>=': (a: number, b: number) => a >= b, '==': (a: number, b: number) => a === b, '!=': (a: number, b: number) => a !== b };
    checkProperty(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 6 }), fc.constantFrom(...ops), fc.integer({ min: -5, max: 5 }), (xs, op, v) => {
        const r = evaluateExpression(parseExpression(`x ${op} ${v}`), xs.map((x) => ({ x })));
        expect(r.pass).toBe(xs.every((x) => js[op](x, v)));
      }),
    );
  });
});
