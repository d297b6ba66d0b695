import type { Argv } from 'yargs';
import { didYouMean } from '../close-names.ts';
import { InputError } from '../input-error.ts';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** Meaning, unit and default: the text of --help. */
  readonly describe: string;
  /** May be given more than once (`--slo a --slo b`). @default false */
  readonly array?: boolean;
}

export interface PositionalSpec {
  readonly name: string;
  readonly describe: string;
  /** Takes every remaining argument (`merge <dirs..>`). @default false */
  readonly variadic?: boolean;
  readonly required: boolean;
}

/**
 * One command's arguments, declared once: yargs builds --help from it, and checkArgs holds
 * the command line to it before anything runs.
 */
export interface CommandSpec {
  readonly name: string;
  readonly describe: string;
  readonly positionals: readonly PositionalSpec[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Other `--flag value` pairs are the model's parameters, checked against its declaration. @default false */
  readonly modelParams?: boolean;
}

/** yargs' command string: `merge <dirs..>`, `check [files..]`. */
export function usageOf(spec: CommandSpec): string {
  const p = spec.positionals.map((x) => {
    const inner = `${x.name}${x.variadic ? '..' : ''}`;
    return x.required ? `<${inner}>` : `[${inner}]`;
  });
  return [spec.name, ...p].join(' ');
}

/** Declares the spec's positionals and options to yargs. */
export function buildArgs<T>(y: Argv<T>, spec: CommandSpec): Argv<T> {
  for (const p of spec.positionals) y = y.positional(p.name, { type: 'string', describe: p.describe, ...(p.variadic ? { array: true } : {}), ...(p.required ? { demandOption: true } : {}) });
  for (const [name, o] of Object.entries(spec.options)) y = y.option(name, { type: o.type, describe: o.describe, ...(o.array ? { array: true } : {}) });
  return y.strict(false);
}

/** `--jitter -5m` -> `--jitter=-5m`: a negative number after a flag is its value, never a flag of its own. */
export function joinNegativeValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = args[i + 1];
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (/^--[^=]+$/.test(a) && next !== undefined && /^-\.?\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}

/** Flags yargs answers itself, on any command. */
const HELP = new Set(['--help', '-h', '--version', '-V']);

/**
 * Holds a command line to the commands' specs, before yargs (which lets unknown and repeated
 * options through, and reads `--quiet=yes` as false) parses it: an unknown command or
 * option, a repeated option, a missing or extra value, an extra argument: each is a one-line
 * InputError, with the closest names when there are any. Model parameters of `run` and
 * `plan` pass here and are checked against the model once it is loaded.
 */
export function checkArgs(args: readonly string[], specs: readonly CommandSpec[]): void {
  const first = args[0];
  if (first === undefined || HELP.has(first)) return;
  const names = specs.map((s) => s.name);
  if (first.startsWith('-')) throw new InputError(`unknown option ${optionName(first)}; options come after a command: sim <${names.join('|')}> [options] (sim --help)`);
  const spec = specs.find((s) => s.name === first);
  if (!spec) throw new InputError(`unknown command '${first}'${didYouMean(first, names)}; the commands are: ${names.join(', ')}`);
  if (args.slice(1).some((a) => HELP.has(a))) return;

  const seen = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = optionName(eq >= 0 ? a.slice(0, eq) : a);
    const key = name.replace(/^-+/, '');
    const opt = spec.options[key];
    const next = args[i + 1];
    const nextIsValue = next !== undefined && !next.startsWith('-');
    let value: string | undefined;
    if (!name.startsWith('--') || key === '') {
      throw new InputError(`unknown option ${name} for sim ${spec.name}${didYouMean(key, Object.keys(spec.options), '--')}; sim ${spec.name} --help lists its options`);
    }
    if (opt?.type === 'boolean') {
      value = eq >= 0 ? a.slice(eq + 1) : 'true';
      if (!['true', 'false'].includes(value)) throw new InputError(`${name} takes no value (it is a switch); give ${name} alone, got ${name}=${value}`);
    } else if (opt || spec.modelParams) {
      if (eq >= 0) value = a.slice(eq + 1);
      else if (nextIsValue) value = args[++i]!;
      else if (opt) throw new InputError(`${name} needs a value: ${name} <value>${describeHint(opt)}`);
      else value = 'true';
    } else {
      throw new InputError(`unknown option ${name} for sim ${spec.name}${didYouMean(key, Object.keys(spec.options), '--')}; its options are: ${Object.keys(spec.options).map((o) => `--${o}`).join(', ') || 'none'}`);
    }
    const before = seen.get(key);
    if (before !== undefined && !opt?.array) {
      throw new InputError(`${name} is given twice ('${before}' and '${value}'); give it once`);
    }
    seen.set(key, value);
  }
  const variadic = spec.positionals.some((p) => p.variadic);
  if (!variadic && positionals.length > spec.positionals.length) {
    const extra = positionals[spec.positionals.length]!;
    const want = spec.positionals.length === 0 ? 'no arguments' : `${spec.positionals.length === 1 ? 'one argument' : `${spec.positionals.length} arguments`} (${spec.positionals.map((p) => `<${p.name}>`).join(' ')})`;
    throw new InputError(`unexpected argument '${extra}' for sim ${spec.name}, which takes ${want}; a flag's value goes right after the flag (--flag value)`);
  }
  const missing = spec.positionals.find((p, k) => p.required && positionals[k] === undefined);
  if (missing) throw new InputError(`sim ${spec.name} needs <${missing.name}>: ${missing.describe} (sim ${spec.name} --help)`);
}

function optionName(token: string): string {
  return token.length > 40 ? `${token.slice(0, 36)}…` : token;
}

function describeHint(opt: OptionSpec): string {
  const eg = /e\.g\. ([^;),]+)/.exec(opt.describe);
  return eg ? `, e.g. ${eg[1]}` : '';
}
