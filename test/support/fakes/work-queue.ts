import type { Wake } from '../../../core/dispatch/wake.ts';
import type { WorkQueue } from '../../../core/ports.ts';

export interface QueuedWake {
  readonly wake: Wake;
  readonly delaySeconds?: number;
}

/** The WorkQueue port in memory: every wake sent, in order, with its delay. */
export class FakeWorkQueue implements WorkQueue {
  readonly sent: QueuedWake[] = [];

  async send(wake: Wake, options: { readonly delaySeconds?: number } = {}): Promise<void> {
    this.sent.push(
      structuredClone(
        options.delaySeconds === undefined
          ? { wake }
          : { wake, delaySeconds: options.delaySeconds },
      ),
    );
  }
}
