import type { Wake } from '../../core/dispatch/wake.ts';
import { PermanentDeliveryError } from '../../core/errors.ts';
import type { DomainEvent } from '../../core/events/registry.ts';
import type {
  ActionScheduler,
  OutgoingMessage,
  ScheduleRequest,
  Sender,
  WorkflowTasks,
  WorkQueue,
} from '../../core/ports.ts';
import type { Random } from './random.ts';
import type { Timeline } from './timeline.ts';

/** What the simulated clock runs: an event for the engine, or a wake-up for the dispatcher. */
export type Work =
  | { readonly kind: 'event'; readonly event: DomainEvent }
  | {
      readonly kind: 'wake';
      readonly wake: Wake;
      readonly name?: string;
      readonly receives: number;
    };

/** EventBridge Scheduler's part: a one-time wake-up at the due instant, cancellable until it fires. */
export class SimScheduler implements ActionScheduler {
  private readonly waiting = new Set<string>();
  readonly cancelled = new Set<string>();

  constructor(private readonly timeline: Timeline<Work>) {}

  async scheduleAt(request: ScheduleRequest): Promise<'created' | 'exists'> {
    if (this.waiting.has(request.name)) return 'exists';
    this.waiting.add(request.name);
    this.timeline.push(Date.parse(request.due.instant), {
      kind: 'wake',
      wake: request.wake,
      name: request.name,
      receives: 0,
    });
    return 'created';
  }

  async cancel(name: string): Promise<'cancelled' | 'not-found'> {
    if (!this.waiting.delete(name)) return 'not-found';
    this.cancelled.add(name);
    return 'cancelled';
  }

  /** Called when a schedule fires: false when it was cancelled meanwhile. */
  fire(name: string): boolean {
    if (this.cancelled.delete(name)) return false;
    this.waiting.delete(name);
    return true;
  }
}

/** The dispatch queue's part: a message delivered after its delay. */
export class SimQueue implements WorkQueue {
  constructor(
    private readonly timeline: Timeline<Work>,
    private readonly now: () => number,
  ) {}

  async send(wake: Wake, options: { readonly delaySeconds?: number } = {}): Promise<void> {
    this.timeline.push(this.now() + (options.delaySeconds ?? 0) * 1000, {
      kind: 'wake',
      wake,
      receives: 0,
    });
  }
}

export interface FailureRates {
  /** Refused for good (a hard bounce, an invalid number). */
  readonly permanent: number;
  /** Failed this time (a timeout): retried with the queue's backoff. */
  readonly transient: number;
}

/** A provider that accepts, refuses for good, or fails for now, at seeded rates. */
export class SimSender implements Sender {
  sent = 0;

  constructor(
    private readonly random: Random,
    private readonly rates: FailureRates,
  ) {}

  async send(message: OutgoingMessage): Promise<{ providerMessageId: string }> {
    const roll = this.random.next();
    if (roll < this.rates.permanent)
      throw new PermanentDeliveryError(`simulated bounce: ${message.to}`);
    if (roll < this.rates.permanent + this.rates.transient) throw new Error('simulated timeout');
    this.sent += 1;
    return { providerMessageId: `sim-${message.messageId}` };
  }
}

/** No workflow waits in the simulation. */
export const noWorkflows: WorkflowTasks = {
  resume: async () => 'not-waiting',
};
