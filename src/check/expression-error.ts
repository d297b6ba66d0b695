/**
 * A malformed expression. `column` (1-based) points into the expression's text, so a caller
 * that knows where the text came from (a check file's line, a `--slo` flag) can say where.
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';

  constructor(
    message: string,
    readonly column: number,
  ) {
    super(message);
  }
}
