import { FailureClass } from './failure-class.ts';
import type { RetryClassification } from './retry-classification.ts';

/** Retries transient failures only; a permanent failure (validation) is final at once. */
export class TransientOnlyClassification implements RetryClassification {
  retries(failure: FailureClass): boolean {
    return failure === FailureClass.transient;
  }
}
