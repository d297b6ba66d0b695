import seedrandom from 'seedrandom';
import { expect, test } from 'vitest';
import { Rng } from '../src/index.ts';
import { exponentialSlow, KE, standardExponential, WE } from '../src/kernel/distributions/ziggurat.ts';

test("a stream draws exactly seedrandom's Alea sequence for its seed, so every recorded output stays valid", () => {
  for (const seed of ['1/arrivals', '42/servers', '7/api_query', '']) {
    const reference = seedrandom.alea(seed);
    const rng = new Rng(seed);
    for (let i = 0; i < 20_000; i++) {
      const want = reference();
      const got = rng.next();
      if (got !== want) expect({ seed, draw: i, got }).toEqual({ seed, draw: i, got: want });
    }
  }
  // The 1000th draw of a known stream, pinned so that a change of generator cannot pass unnoticed.
  const r = new Rng('1/arrivals');
  let u = 0;
  for (let i = 0; i < 1000; i++) u = r.next();
  expect(u).toBe(0.4875407377257943);
});

test('normal() is Box–Muller over the next two uniforms of the stream, draw for draw, interleaved with next()', () => {
  for (const seed of ['1/api_query', '7/normal', '']) {
    const reference = seedrandom.alea(seed);
    const rng = new Rng(seed);
    for (let i = 0; i < 20_000; i++) {
      if (i % 3 === 2) {
        // A plain draw between normals: the stream's state after normal() is what two next() leave.
        const want = reference();
        const got = rng.next();
        if (got !== want) expect({ seed, draw: i, got }).toEqual({ seed, draw: i, got: want });
        continue;
      }
      const u1 = reference();
      const u2 = reference();
      const want = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
      const got = rng.normal();
      if (got !== want) expect({ seed, draw: i, got }).toEqual({ seed, draw: i, got: want });
    }
  }
});

/** REXP's draw written out from next() and the tables, apart from the Rng's own copy of it. */
function referenceExponential(rng: Rng): number {
  const jz = rng.next() * 4294967296;
  const iz = jz & 255;
  if (jz < KE[iz]!) return jz * WE[iz]!;
  rng.drawn = jz;
  exponentialSlow(rng, iz);
  return rng.drawn;
}

test('exponential(mean) and standardExponential are mean × the ziggurat draw from next(), draw for draw, slow path included', () => {
  for (const seed of ['1/servers', '9/arrivals', '']) {
    const reference = new Rng(seed);
    const rng = new Rng(seed);
    let tail = 0;
    for (let i = 0; i < 50_000; i++) {
      const mean = i % 2 === 0 ? 0.1 : 7.5;
      const want = mean * referenceExponential(reference);
      const got = i % 3 === 0 ? mean * standardExponential(rng) : rng.exponential(mean);
      if (got !== want) expect({ seed, draw: i, got }).toEqual({ seed, draw: i, got: want });
      // Beyond the ziggurat's base (R = 7.697...): a tail draw, which only the slow path makes.
      if (want / mean > 7.6971) tail++;
      // Plain draws in between: the two streams are in the same state after every draw.
      if (i % 97 === 0 && rng.next() !== reference.next()) expect.fail(`${seed}: streams diverged after draw ${i}`);
    }
    expect(tail).toBeGreaterThan(0);
  }
});

test('a second copy of the modules (a model may load its own) draws the same exponentials from a stream of the first', async () => {
  // (A query makes the module loader load the file again: other functions, other tables.)
  const url = `${new URL('../src/kernel/distributions/ziggurat.ts', import.meta.url).href}?copy`;
  const copy = (await import(url)) as typeof import('../src/kernel/distributions/ziggurat.ts');
  expect(copy.standardExponential).not.toBe(standardExponential);
  const a = new Rng('7/arrivals');
  const b = new Rng('7/arrivals');
  for (let i = 0; i < 20_000; i++) {
    const want = standardExponential(a);
    const got = copy.standardExponential(b);
    if (got !== want) expect({ draw: i, got }).toEqual({ draw: i, got: want });
  }
});
