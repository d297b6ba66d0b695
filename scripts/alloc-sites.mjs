// Where optimised code allocates: runs a Node script under V8's --trace-turbo and lists, for
// every function TurboFan compiled, the source lines of the heap allocations left in its code
// (after escape analysis), with what each allocated object flows into.
//
//   node scripts/alloc-sites.mjs [--filter NAME] [--all] -- script.mjs [args...]
//
// A per-event path should list none. The usual finding is a number boxed on the heap: a double
// passed to, or returned from, a call V8 did not inline ("uses: Call" or "uses: Return"), which
// the engine avoids by handing numbers over in fields or typed arrays (see docs/performance.md).
// Functions are compiled in line (--no-concurrent-recompilation, as sim runs), so the listing
// is the same from run to run. Lines from Node's own internals are left out unless --all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
if (dash < 0 || dash === argv.length - 1) {
  process.stderr.write('usage: node scripts/alloc-sites.mjs [--filter NAME] [--all] -- script.mjs [args...]\n');
  process.exit(2);
}
const opts = argv.slice(0, dash);
const filterAt = opts.indexOf('--filter');
const filter = filterAt >= 0 ? opts[filterAt + 1] : undefined;
if (filterAt >= 0 && !filter) {
  process.stderr.write('alloc-sites: --filter needs a function name\n');
  process.exit(2);
}
const all = opts.includes('--all');
const [script, ...args] = argv.slice(dash + 1);
if (!existsSync(script)) {
  process.stderr.write(`alloc-sites: no such script: ${script}\n`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'sim-alloc-sites-'));
try {
  const flags = ['--no-concurrent-recompilation', '--trace-turbo', `--trace-turbo-path=${dir}`];
  if (filter) flags.push(`--trace-turbo-filter=${filter}`);
  const r = spawnSync(process.execPath, [...flags, resolve(script), ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write(`alloc-sites: ${script} exited ${r.status ?? r.signal}\n`);
    process.exit(1);
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort((a, b) => Number(/-(\d+)\.json$/.exec(a)?.[1]) - Number(/-(\d+)\.json$/.exec(b)?.[1]));
  for (const f of files) report(f, JSON.parse(readFileSync(join(dir, f), 'utf8')));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Prints one compilation's allocation sites, if it has any outside Node's internals. */
function report(file, d) {
  const phase = d.phases.find((p) => p.name === 'V8.TFEffectLinearization');
  if (!phase) return;
  const nodes = new Map(phase.data.nodes.map((n) => [n.id, n]));
  const uses = new Map();
  for (const e of phase.data.edges) {
    if (!uses.has(e.source)) uses.set(e.source, []);
    uses.get(e.source).push(e.target);
  }
  const lines = [];
  for (const n of nodes.values()) {
    if (!n.label.startsWith('AllocateRaw')) continue;
    const at = where(d, n.sourcePosition);
    if (!all && at.internal) continue;
    const into = [...new Set((uses.get(n.id) ?? []).map((t) => nodes.get(t).label.replace(/\[.*$/, '')))].sort();
    lines.push(`  ${at.text}   (uses: ${into.join(', ')})`);
  }
  // (A compilation is named by its function and a running number; V8 names an anonymous one by address.)
  const name = file.replace(/^turbo-|\.json$/g, '').replace(/^0x[0-9a-f]+-/, '(anonymous)-');
  if (lines.length) console.log(`${name}: ${lines.length} allocation site(s)\n${lines.join('\n')}`);
}

/** The function and source line of a node's position, through the inlining table. */
function where(d, pos) {
  if (!pos) return { text: '(no position)', internal: false };
  const id = pos.inliningId ?? -1;
  const src = id === -1 ? d.sources?.['-1'] ?? d.sources?.[String(d.function?.sourceId)] : d.sources?.[String(d.inlinings[String(id)].sourceId)];
  if (!src) return { text: '(no source)', internal: false };
  const text = src.sourceText ?? '';
  const rel = pos.scriptOffset - (src.startPosition ?? 0);
  const a = text.lastIndexOf('\n', rel - 1) + 1;
  const b = text.indexOf('\n', rel);
  const line = text.slice(a, b < 0 ? undefined : b).trim();
  return { text: `${src.functionName || '(anonymous)'}: ${line.slice(0, 110)}`, internal: /^node:|^internal\//.test(src.sourceName ?? '') };
}
