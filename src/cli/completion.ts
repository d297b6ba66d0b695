/**
 * Shell completion: command names for the first word, built-in model names where a command
 * takes a model, and yargs' own (the command's options) everywhere else; after `sim run <model>`
 * the model's parameters too. `words` are those typed after `sim`, the last one being typed.
 * Worked out before yargs parses: its completion callback must answer synchronously, or yargs
 * goes on to run the command it completes.
 */
export async function completionFor(words: readonly string[], commands: readonly string[]): Promise<CompletionFn> {
  const current = words.at(-1) ?? '';
  const [command, model] = words.slice(0, -1);
  let only: string[] | null = null;
  let extra: string[] = [];
  if (command === undefined && !current.startsWith('-')) only = [...commands, 'completion'].filter((n) => n.startsWith(current));
  else if (command !== undefined && ['run', 'describe', 'plan'].includes(command) && model === undefined && !current.startsWith('-')) {
    const { builtinModelNames } = await import('../model/load-model.ts');
    only = builtinModelNames().filter((n) => n.startsWith(current));
  } else if (command === 'run' && model !== undefined && !model.startsWith('-')) extra = await modelFlags(model);
  return (_current, _argv, defaultCompletion, done) => {
    if (only) return done(only);
    defaultCompletion((_err, completions) => done([...(completions ?? []), ...extra]));
  };
}

/** yargs' completion callback, in the form that gets its default completion too. */
export type CompletionFn = (
  current: string,
  argv: unknown,
  defaultCompletion: (onCompleted?: (err: Error | null, completions: string[] | undefined) => void) => void,
  done: (completions: string[]) => void,
) => void;

/**
 * `--<flag>` for each of a model's parameters, with its description where the shell shows one
 * (zsh `flag:text`, fish `flag<TAB>text`, as yargs writes its own); none if the model does not load.
 */
async function modelFlags(ref: string): Promise<string[]> {
  const shell = `${process.env.SHELL ?? ''} ${process.env.ZSH_NAME ?? ''}`;
  const separator = shell.includes('fish') ? '\t' : shell.includes('zsh') ? ':' : null;
  try {
    const [{ loadModel }, { flagName }] = await Promise.all([import('../model/load-model.ts'), import('../model/param.ts')]);
    const model = await loadModel(ref);
    return Object.entries(model.params).map(([k, spec]) => `--${flagName(k)}${separator === null ? '' : `${separator}${spec.description.replace(/[\r\n]+/g, ' ')}`}`);
  } catch {
    return [];
  }
}
