// Why commands are iterables run with `yield*`: the cost of one resumption of a generator
// that waits by (a) a plain `yield` of a value, (b) `yield*` of a command object that is its
// own iterator (sim's commands), (c) `yield*` of a small helper generator per wait.
// node bin/run-ts.mjs bench/process-yield.ts
const N = 3_000_000;
const RESUME = Symbol('resume');
const SUSPENDED = { value: 0, done: false as const };
const FINISHED = { value: 1 as unknown, done: true as const };
let sink = 0;

class Cmd implements Iterator<number, unknown>, Iterable<number, unknown> {
  constructor(private readonly d: number) {}
  [Symbol.iterator](): this {
    return this;
  }
  next(v?: unknown): IteratorResult<number, unknown> {
    if (v === RESUME) return FINISHED;
    sink += this.d;
    return SUSPENDED;
  }
}
function* helper(d: number): Generator<number, unknown, unknown> {
  sink += d;
  return yield 0;
}
function* plain(): Generator<number, void, unknown> {
  for (let i = 0; i < N; i++) {
    sink += i;
    yield 0;
  }
}
function* command(): Generator<number, void, unknown> {
  for (let i = 0; i < N; i++) yield* new Cmd(i);
}
function* generator(): Generator<number, void, unknown> {
  for (let i = 0; i < N; i++) yield* helper(i);
}

for (let round = 0; round < 3; round++) {
  for (const [name, body] of [['plain yield', plain], ['yield* command object', command], ['yield* helper generator', generator]] as const) {
    const g = body();
    const t0 = performance.now();
    for (let r = g.next(); !r.done; r = g.next(RESUME));
    console.log(`${name.padEnd(24)} ${(((performance.now() - t0) * 1e6) / N).toFixed(1)} ns per resumption`);
  }
}
if (sink < 0) console.log(sink); // keeps the work observable
