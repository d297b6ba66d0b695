/** Characters that no POSIX shell treats specially in a word. */
const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;

/**
 * Quotes one word for a POSIX shell (bash, zsh, sh): as it is when every character is
 * safe, otherwise in single quotes, inside which nothing is special; a single quote itself
 * is written '\'' (close, escaped quote, reopen). `exp(0.004)` becomes `'exp(0.004)'`.
 */
export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line from its words, each quoted as needed. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
