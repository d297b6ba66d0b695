import { expect, test } from 'vitest';
import { CircuitBreaker, ModelContext, NoBreaker } from '../src/index.ts';

function setup() {
  const ctx = new ModelContext(1, 10_000, 60);
  const a = ctx.jobs.typeId('a');
  const b = ctx.jobs.typeId('b');
  const breaker = new CircuitBreaker(ctx, { name: 'breaker', failureThreshold: 3, openS: 60, halfOpenTrials: 1 });
  return { ctx, breaker, a, b };
}

test('a circuit opens after the threshold of consecutive failures, and a success in between resets the count', () => {
  const { breaker, a } = setup();
  breaker.onFailure(a);
  breaker.onFailure(a);
  breaker.onSuccess(a);
  breaker.onFailure(a);
  breaker.onFailure(a);
  expect(breaker.stateOf(a)).toBe('closed');
  breaker.onFailure(a);
  expect([breaker.stateOf(a), breaker.allow(a), breaker.opens.total, breaker.rejected.total]).toEqual(['open', false, 1, 1]);
});

test('each job type has its own circuit', () => {
  const { breaker, a, b } = setup();
  for (let i = 0; i < 3; i++) breaker.onFailure(a);
  expect([breaker.allow(a), breaker.allow(b), breaker.openTypes.value]).toEqual([false, true, 1]);
});

test('after the open period one trial passes; its failure reopens the circuit and its success closes it', () => {
  const { ctx, breaker, a } = setup();
  for (let i = 0; i < 3; i++) breaker.onFailure(a);
  ctx.sim.run(59);
  expect(breaker.allow(a)).toBe(false);
  ctx.sim.run(60);
  expect([breaker.stateOf(a), breaker.allow(a), breaker.allow(a)]).toEqual(['half-open', true, false]);
  breaker.onFailure(a);
  expect([breaker.stateOf(a), breaker.opens.total]).toEqual(['open', 2]);
  ctx.sim.run(120);
  expect(breaker.allow(a)).toBe(true);
  breaker.onSuccess(a);
  expect([breaker.stateOf(a), breaker.allow(a), breaker.openTypes.value, breaker.rejected.total]).toEqual(['closed', true, 0, 2]);
});

test('a breaker limited to some types never opens for the others', () => {
  const ctx = new ModelContext(1, 10_000, 60);
  const a = ctx.jobs.typeId('a');
  const toxic = ctx.jobs.typeId('toxic');
  const breaker = new CircuitBreaker(ctx, { name: 'breaker', failureThreshold: 1, types: ['toxic'] });
  breaker.onFailure(a);
  breaker.onFailure(toxic);
  expect([breaker.allow(a), breaker.allow(toxic)]).toEqual([true, false]);
});

test('NoBreaker lets everything through whatever happens', () => {
  const none = new NoBreaker();
  for (let i = 0; i < 10; i++) none.onFailure();
  expect(none.allow()).toBe(true);
});
