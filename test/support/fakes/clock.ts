import type { Clock } from '../../../core/ports.ts';

/** A clock that stands still until the test moves it. */
export class FakeClock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  /** The port: pass `clock.now` wherever a Clock is expected. */
  readonly now: Clock = () => new Date(this.current);

  set(instant: Date | string): void {
    this.current = new Date(instant).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

/** `id-1`, `id-2`, ...: predictable ids, so tests can name what a use case generated. */
export function sequentialIds(prefix = 'id'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}
