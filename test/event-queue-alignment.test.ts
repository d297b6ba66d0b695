// The event set's records (32 bytes per pending event) must not straddle two cache lines: a
// record cut in two costs two cache misses instead of one when its event, scheduled long
// before, moves into the heap and fires, and with a million events pending that was a
// quarter of the CPU time per event (docs/performance.md). Where a record lands depends on
// the address the allocator gives the buffer, which JavaScript cannot see; V8's %DebugPrint
// can, in a Node started with --allow-natives-syntax.
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { RECORD_SKIP } from '../src/kernel/event-queue.ts';

const root = new URL('..', import.meta.url);
const glibc = process.platform === 'linux' && Boolean((process.report?.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime);

/** The data addresses of the records of a queue made with room for 2^21 events, and of one grown past 2^20. */
function recordAddresses(): bigint[] {
  // Buffers this large (64 MB) are always mapped on their own pages by glibc, whatever blocks
  // the process freed before; smaller ones may come from its heap, at any 16-byte boundary.
  const script = `
    await import(${JSON.stringify(new URL('scripts/source-mode.mjs', root).href)});
    const { EventQueue } = await import(${JSON.stringify(new URL('src/internal.ts', root).href)});
    const big = new EventQueue(2 ** 21);
    %DebugPrint(big.rec);
    const grown = new EventQueue(16);
    const h = { handleEvent() {} };
    for (let i = 0; i <= 2 ** 20; i++) { grown.nextTime = i; grown.add(h, 0); }
    %DebugPrint(grown.rec);
  `;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: root });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const found = [...r.stdout.matchAll(/^ - data_ptr: (0x[0-9a-f]+)$/gm)].map((m) => BigInt(m[1]!));
  expect(found, `%DebugPrint printed no data_ptr lines:\n${r.stdout.slice(0, 2000)}`).toHaveLength(2);
  return found;
}

test('on Linux the records start 16 bytes into their buffer; elsewhere at its start', () => {
  expect(RECORD_SKIP).toBe(process.platform === 'linux' ? 16 : 0);
});

test.skipIf(!glibc)('with glibc, every record of a large event set lies within one 64-byte cache line', () => {
  for (const address of recordAddresses()) {
    // Records are 32 bytes from the first: all within a line if the first starts at 0 or 32 of one.
    expect(address % 32n).toBe(0n);
  }
});
