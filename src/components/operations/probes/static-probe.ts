import type { Probe } from './probe.ts';

/**
 * A probe of something the model does not simulate in detail (the web tier, the database,
 * app logic): healthy until a fault sets `up = false`.
 */
export class StaticProbe implements Probe {
  constructor(readonly name: string, public up = true) {}
  healthy(): boolean {
    return this.up;
  }
}
