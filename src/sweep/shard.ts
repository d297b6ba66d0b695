import { InputError } from '../input-error.ts';

/** Which part of a sweep this process runs: shard `index` of `count`, 1-based. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Parses `--shard i/n` (1 <= i <= n). `auto/n` takes i from JOB_COMPLETION_INDEX + 1, the
 * 0-based index a Kubernetes Indexed Job gives each of its pods.
 */
export function parseShard(text: string, env: Readonly<Record<string, string | undefined>> = {}): Shard {
  const m = /^\s*(\d+|auto)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new InputError(`--shard: '${text}' is not i/n; e.g. --shard 2/4 runs the second of four shards (or auto/4 in a Kubernetes Indexed Job)`);
  const count = Number(m[2]);
  let index: number;
  if (m[1] === 'auto') {
    const raw = env.JOB_COMPLETION_INDEX;
    if (raw === undefined || !/^\d+$/.test(raw)) {
      throw new InputError(`--shard auto/${m[2]} needs JOB_COMPLETION_INDEX (set by a Kubernetes Indexed Job)${raw === undefined ? '' : `, got '${raw}'`}; elsewhere give the shard number, e.g. --shard 1/${m[2]}`);
    }
    index = Number(raw) + 1;
  } else {
    index = Number(m[1]);
  }
  if (!(count >= 1 && index >= 1 && index <= count)) throw new InputError(`--shard ${index}/${count}: the shard number must be between 1 and ${count}`);
  return { index, count };
}

/** Deterministic and balanced: run j belongs to shard (j mod n) + 1. */
export function inShard(shard: Shard, jobIndex: number): boolean {
  return jobIndex % shard.count === shard.index - 1;
}

export function shardText(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}
