import { randomUUID } from 'node:crypto';
import type { EventBridgeEvent } from 'aws-lambda';
import { type DomainEvent, EVENT_SOURCE } from '../core/events.ts';
import type { EventBus } from '../core/ports.ts';

export interface Subscription {
  readonly name: string;
  /** The rule's event pattern: which detail-types it receives. */
  readonly detailTypes: ReadonlySet<string>;
  readonly target: (event: EventBridgeEvent<string, DomainEvent>) => Promise<unknown>;
}

export interface DeadLetter {
  readonly subscription: string;
  readonly event: DomainEvent;
  readonly error: string;
}

/**
 * EventBridge, locally: publishing returns at once and delivery happens after, to every rule whose
 * pattern matches, with retries and a dead-letter list. `settle()` waits until every delivery (and
 * whatever those deliveries published in turn) is done, which makes the local clock deterministic.
 */
export class LocalEventBus implements EventBus {
  private readonly subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  readonly recent: { at: string; type: string; id: string }[] = [];
  readonly deadLetters: DeadLetter[] = [];

  constructor(
    private readonly now: () => Date,
    private readonly maxAttempts = 3,
  ) {}

  subscribe(subscription: Subscription): void {
    this.subscriptions.push(subscription);
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      this.recent.unshift({ at: this.now().toISOString(), type: event.type, id: event.id });
      this.recent.length = Math.min(this.recent.length, 200);
      for (const subscription of this.subscriptions) {
        if (!subscription.detailTypes.has(event.type)) continue;
        const delivery = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
          this.deliver(subscription, event),
        );
        this.inFlight.add(delivery);
        void delivery.finally(() => this.inFlight.delete(delivery));
      }
    }
  }

  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async deliver(subscription: Subscription, event: DomainEvent): Promise<void> {
    const envelope: EventBridgeEvent<string, DomainEvent> = {
      version: '0',
      id: randomUUID(),
      'detail-type': event.type,
      source: EVENT_SOURCE,
      account: '000000000000',
      time: this.now().toISOString(),
      region: 'local',
      resources: [],
      detail: event,
    };
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      try {
        await subscription.target(envelope);
        return;
      } catch (error) {
        if (attempt === this.maxAttempts) {
          const message = error instanceof Error ? error.message : String(error);
          this.deadLetters.push({ subscription: subscription.name, event, error: message });
          console.error(
            `[local bus] ${subscription.name} failed ${attempt} times on ${event.id}: ${message}`,
          );
        }
      }
    }
  }
}
