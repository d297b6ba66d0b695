import type { RetryClassification } from './retry-classification.ts';

/** Retries every failure, permanent or not: the incident's policy. */
export class BlindClassification implements RetryClassification {
  retries(): boolean {
    return true;
  }
}
