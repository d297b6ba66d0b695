import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { OutputDir } from '../../src/report/output-dir.ts';
import { runHere, snapshot } from './harness.ts';

// File systems that refuse an output: each is one line naming the output, the place and the
// cause (exit code 2), found before anything runs where it can be, and nothing left behind.

const root = mkdtempSync(join(tmpdir(), 'sim-fs-'));
const mounts: string[] = [];
const immutable: string[] = [];

/** Mounts a tmpfs (needs root); false where this machine does not allow it. */
function mountTmpfs(dir: string, options: string): boolean {
  mkdirSync(dir, { recursive: true });
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]).status === 0;
  if (ok) mounts.push(dir);
  return ok;
}

afterAll(() => {
  for (const d of immutable) spawnSync('chattr', ['-i', d]);
  for (const d of mounts) spawnSync('umount', [d]);
});

const canMount = mountTmpfs(join(root, 'probe'), 'size=64k');

describe('real file systems that refuse the output (need root to mount; skipped elsewhere)', () => {
  test.skipIf(!canMount)('a full disk (ENOSPC): one line naming the place and the cause, and no partial output', async () => {
    const disk = join(root, 'full');
    expect(mountTmpfs(disk, 'size=256k')).toBe(true);
    // Room for the lock and the folders, not for the report.
    writeFileSync(join(disk, 'filler'), Buffer.alloc(200 * 1024));
    const before = snapshot(disk);
    const r = await runHere(['run', 'mm-c', '--duration', '1m', '--out', join(disk, 'out')], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`sim: --out ${join(disk, 'out')}: cannot write files in ${disk}: no space left on the device (ENOSPC)\n`);
    expect(snapshot(disk)).toEqual(before);
  });

  test.skipIf(!canMount)('a read-only file system (EROFS) is found before the run', async () => {
    const ro = join(root, 'ro');
    expect(mountTmpfs(ro, 'size=64k,ro')).toBe(true);
    const r = await runHere(['run', 'mm-c', '--duration', '1m', '--out', join(ro, 'out')], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`sim: --out ${join(ro, 'out')}: cannot write files in ${ro}: read-only file system (EROFS)\n`);
    expect(r.cpuMs).toBeLessThan(5000);
  });

  const chattr = spawnSync('chattr', ['+i', root]).status === 0 && spawnSync('chattr', ['-i', root]).status === 0;
  test.skipIf(!chattr)('an immutable folder (chattr +i, EPERM) is found before the run', async () => {
    const dir = join(root, 'immutable');
    mkdirSync(dir);
    expect(spawnSync('chattr', ['+i', dir]).status).toBe(0);
    immutable.push(dir);
    const r = await runHere(['run', 'mm-c', '--duration', '1m', '--out', join(dir, 'out')], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`sim: --out ${join(dir, 'out')}: cannot write files in ${dir}: operation not permitted (an immutable or protected file?) (EPERM)\n`);
  });
});

describe('every errno a write can meet is one line naming the output, the place and the cause', () => {
  const causes: [string, string][] = [
    ['EACCES', 'permission denied'],
    ['EPERM', 'operation not permitted (an immutable or protected file?)'],
    ['EROFS', 'read-only file system'],
    ['ENOSPC', 'no space left on the device'],
    ['EDQUOT', 'disk quota exceeded'],
    ['EIO', 'input/output error on the device'],
    ['EMFILE', 'too many open files'],
  ];
  for (const [code, cause] of causes) {
    test(`${code} while the files are written`, () => {
      const parent = mkdtempSync(join(root, 'errno-'));
      const out = join(parent, 'out');
      const dir = OutputDir.open(out, {
        afterStep: (s) => {
          if (s === 'file-written') throw Object.assign(new Error(`${code}: failed`), { code, syscall: 'write', path: join(parent, '.out.tmp-1', 'summary.json') });
        },
      });
      expect(() => dir.commit(new Map([['summary.json', '{}\n']]))).toThrow(`--out ${out}: cannot write files in ${parent}: ${cause} (${code})`);
      expect(snapshot(parent)).toEqual([]);
    });
  }
});
