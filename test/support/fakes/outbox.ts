import type { DomainEvent } from '../../../core/events/registry.ts';

/** One committed write of a store fake: which port call made it, on what, and the events it carried. */
export interface OutboxWrite {
  /** The store method that committed the change: `createSchedule`, `recordConsent`, ... */
  readonly operation: string;
  /** What the change was about: a customer, interaction or schedule id. */
  readonly key: string;
  /** The events written in the same call (the outbox items of that transaction); may be empty. */
  readonly events: readonly DomainEvent[];
}

/**
 * The write log the store fakes share. Every committed write is recorded with the events handed to
 * that very call, so a test can assert that an event is written WITH its change and never without
 * it. A write the store refuses (conflict, `exists`, a failed condition) records nothing, as a
 * cancelled DynamoDB transaction writes nothing.
 */
export class Outbox {
  readonly writes: OutboxWrite[] = [];

  record(operation: string, key: string, events: readonly DomainEvent[]): void {
    this.writes.push({ operation, key, events: structuredClone([...events]) });
  }

  /** Every event written, in write order. */
  get events(): DomainEvent[] {
    return this.writes.flatMap((write) => write.events);
  }

  /** The event stored under `id` (an outbox item is keyed by its event id, like keys.event). */
  event(id: string): DomainEvent | undefined {
    return this.events.findLast((event) => event.id === id);
  }
}
