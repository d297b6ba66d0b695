import { createRequire } from 'node:module';
import type { Node, YAMLMap } from 'yaml';
import { InputError } from '../../input-error.ts';
import { cronError, isTimeZone } from './cron.ts';
import type { Schedule, ScheduleEntry } from './schedule-entry.ts';

// yaml is loaded when a YAML schedule is read, not by every model that declares a schedule parameter.
const load = createRequire(import.meta.url);
let yamlLib: typeof import('yaml') | null = null;
const lib = () => (yamlLib ??= load('yaml') as typeof import('yaml'));
const isMap = (n: unknown): n is YAMLMap => lib().isMap(n);
const isSeq = (n: unknown): n is import('yaml').YAMLSeq => lib().isSeq(n);
const isScalar = (n: unknown): n is import('yaml').Scalar => lib().isScalar(n);

/** The YAML documents of a file, each error an InputError naming the file and line. */
function documents(text: string, file: string): { docs: Node[]; line: (node: Node | null | undefined) => number } {
  const lines = new (lib().LineCounter)();
  let parsed;
  try {
    parsed = lib().parseAllDocuments(text, { lineCounter: lines, prettyErrors: true });
  } catch (e) {
    throw new InputError(`${file}: not YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); expected a Sidekiq-cron schedule or Kubernetes CronJob manifests`);
  }
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  for (const d of docs) {
    const err = d.errors[0];
    if (err) {
      const at = err.linePos?.[0].line ?? 1;
      throw new InputError(`${file}:${at}: malformed YAML (${err.message.split('\n')[0]}); expected a Sidekiq-cron schedule or Kubernetes CronJob manifests`);
    }
  }
  const line = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  return { docs: docs.map((d) => d.contents).filter((c): c is NonNullable<typeof c> => c !== null) as Node[], line };
}

/** True if any document of a YAML file looks like a Kubernetes object (has `kind` and `apiVersion`). */
export function looksLikeKubernetes(text: string): boolean {
  return /^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text);
}

function field(map: YAMLMap, key: string): Node | null {
  for (const pair of map.items) if (isScalar(pair.key) && pair.key.value === key) return pair.value as Node | null;
  return null;
}

function text(node: Node | null): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

/**
 * A Sidekiq-cron schedule (config/schedule.yml): a mapping of job name to its settings, or a
 * list of settings with `name`. Each job needs `cron`, five fields or six with seconds first
 * (as Fugit reads them), optionally followed by a time zone (`0 * * * * Europe/Berlin`).
 * Jobs with `status: disabled` are listed as skipped.
 */
export function parseSidekiqCron(yamlText: string, file: string, defaultTimeZone: string): Schedule {
  const { docs, line } = documents(yamlText, file);
  const root = docs[0];
  const jobs: { name: string; node: YAMLMap; line: number }[] = [];
  if (isMap(root)) {
    for (const pair of root.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      const v = pair.value as Node | null;
      if (!isMap(v)) throw new InputError(`${file}:${line(pair.key as Node)}: job '${name}' should be a mapping with a 'cron' field (cron: "0 * * * *", class: MyJob)`);
      jobs.push({ name, node: v, line: line(pair.key as Node) });
    }
  } else if (isSeq(root)) {
    for (const item of root.items) {
      if (!isMap(item)) throw new InputError(`${file}:${line(item as Node)}: each list item should be a mapping with 'name' and 'cron' fields`);
      jobs.push({ name: text(field(item, 'name')) ?? text(field(item, 'class')) ?? `line ${line(item)}`, node: item, line: line(item) });
    }
  } else {
    throw new InputError(`${file}:${line(root)}: expected a mapping of job names to settings with 'cron' (a Sidekiq-cron schedule), or Kubernetes CronJob manifests (apiVersion, kind: CronJob)`);
  }
  const entries: ScheduleEntry[] = [];
  const skipped: { line: number; name: string; why: string }[] = [];
  for (const job of jobs) {
    const cronNode = field(job.node, 'cron');
    const cron = text(cronNode);
    if (cron === undefined) throw new InputError(`${file}:${job.line}: job '${job.name}' has no 'cron' field; expected cron: "<minute> <hour> <day> <month> <weekday>"`);
    if (text(field(job.node, 'status')) === 'disabled') {
      skipped.push({ line: job.line, name: job.name, why: 'status: disabled' });
      continue;
    }
    const tokens = cron.trim().split(/\s+/);
    let timeZone = defaultTimeZone;
    const last = tokens[tokens.length - 1]!;
    if (tokens.length >= 6 && /[A-Za-z]/.test(last) && isTimeZone(last)) {
      timeZone = last;
      tokens.pop();
    }
    const pattern = tokens.join(' ');
    const at = line(cronNode);
    if (tokens.length < 5 || tokens.length > 6) {
      throw new InputError(`${file}:${at}: job '${job.name}': '${cron}' is not a cron schedule; expected five fields (or six with seconds first), optionally followed by a time zone`);
    }
    const err = cronError(pattern, timeZone, '5-or-6-parts');
    if (err) throw new InputError(`${file}:${at}: job '${job.name}': '${cron}' is not a cron schedule (${err}); expected five fields (or six with seconds first)`);
    entries.push({ name: job.name, cron: pattern, timeZone, mode: '5-or-6-parts', line: at });
  }
  return { file, format: 'sidekiq-cron', entries, skipped };
}

/**
 * Kubernetes CronJob manifests (batch/v1), several per file separated by `---`, or a `List`
 * of them: `spec.schedule` (five fields or a nickname), read in `spec.timeZone` when set.
 * Objects of other kinds are ignored; suspended CronJobs are listed as skipped.
 */
export function parseKubernetes(yamlText: string, file: string, defaultTimeZone: string): Schedule {
  const { docs, line } = documents(yamlText, file);
  const objects: YAMLMap[] = [];
  for (const d of docs) {
    if (!isMap(d)) continue;
    if (text(field(d, 'kind')) === 'List') {
      const items = field(d, 'items');
      if (isSeq(items)) for (const it of items.items) if (isMap(it)) objects.push(it);
    } else objects.push(d);
  }
  const entries: ScheduleEntry[] = [];
  const skipped: { line: number; name: string; why: string }[] = [];
  for (const obj of objects) {
    if (text(field(obj, 'kind')) !== 'CronJob') continue;
    const meta = field(obj, 'metadata');
    const name = (isMap(meta) ? text(field(meta, 'name')) : undefined) ?? `CronJob at line ${line(obj)}`;
    const spec = field(obj, 'spec');
    if (!isMap(spec)) throw new InputError(`${file}:${line(obj)}: CronJob '${name}' has no spec; expected spec.schedule`);
    const scheduleNode = field(spec, 'schedule');
    let cron = text(scheduleNode);
    if (cron === undefined) throw new InputError(`${file}:${line(spec)}: CronJob '${name}' has no spec.schedule; expected schedule: "<minute> <hour> <day> <month> <weekday>"`);
    const at = line(scheduleNode);
    if (text(field(spec, 'suspend')) === 'true') {
      skipped.push({ line: at, name, why: 'spec.suspend: true' });
      continue;
    }
    let timeZone = text(field(spec, 'timeZone')) ?? defaultTimeZone;
    const prefix = /^(?:CRON_)?TZ=(\S+)\s+(.*)$/.exec(cron.trim());
    if (prefix) {
      timeZone = prefix[1]!;
      cron = prefix[2]!;
    }
    if (!isTimeZone(timeZone)) throw new InputError(`${file}:${line(field(spec, 'timeZone') ?? scheduleNode)}: CronJob '${name}': '${timeZone}' is not a time zone; expected an IANA name such as Etc/UTC or Europe/Berlin`);
    const err = cronError(cron, timeZone, '5-part');
    if (err) throw new InputError(`${file}:${at}: CronJob '${name}': '${cron}' is not a cron schedule (${err}); expected five fields: minute hour day-of-month month day-of-week`);
    entries.push({ name, cron: cron.trim(), timeZone, mode: '5-part', line: at });
  }
  if (entries.length === 0 && skipped.length === 0) {
    throw new InputError(`${file}: no CronJob in the file; expected Kubernetes manifests with kind: CronJob and spec.schedule`);
  }
  return { file, format: 'kubernetes', entries, skipped };
}
