import type { Distribution } from './distribution.ts';

export class Constant implements Distribution {
  constructor(readonly value: number) {}
  sample(): number {
    return this.value;
  }
  get mean(): number {
    return this.value;
  }
  toString(): string {
    return `const(${this.value})`;
  }
}
