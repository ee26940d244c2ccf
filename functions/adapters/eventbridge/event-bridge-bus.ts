import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { type DomainEvent, EVENT_SOURCE } from '../../../core/events/registry.ts';
import type { EventBus } from '../../../core/ports.ts';

/** PutEvents takes at most 10 entries per call. */
const BATCH = 10;
/** Calls per batch: the first, then retries of only the entries EventBridge refused. */
const ATTEMPTS = 3;

export class EventBridgeBus implements EventBus {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    private readonly pause: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += BATCH) {
      await this.publishBatch(events.slice(start, start + BATCH).map((event) => this.entry(event)));
    }
  }

  /**
   * PutEvents reports per-entry failures in a 200 response. Only the refused entries are sent
   * again (a few times, with backoff): resending the whole batch would publish the accepted ones
   * twice.
   */
  private async publishBatch(entries: PutEventsRequestEntry[]): Promise<void> {
    let pending = entries;
    let reasons: string[] = [];
    for (let attempt = 1; attempt <= ATTEMPTS && pending.length > 0; attempt++) {
      if (attempt > 1) await this.pause(50 * 2 ** attempt * (0.5 + Math.random()));
      const result = await this.client.send(new PutEventsCommand({ Entries: pending }));
      if ((result.FailedEntryCount ?? 0) === 0) return;
      const outcomes = result.Entries ?? [];
      reasons = outcomes
        .filter((outcome) => outcome.ErrorCode)
        .map((outcome) => `${outcome.ErrorCode}: ${outcome.ErrorMessage}`);
      pending = pending.filter((_, index) => outcomes[index]?.ErrorCode);
    }
    if (pending.length > 0) {
      throw new Error(
        `EventBridge refused ${pending.length} event(s) after ${ATTEMPTS} attempts: ${reasons.join('; ')}`,
      );
    }
  }

  private entry(event: DomainEvent): PutEventsRequestEntry {
    return {
      EventBusName: this.busName,
      Source: EVENT_SOURCE,
      DetailType: event.type,
      Time: new Date(event.occurredAt),
      Detail: JSON.stringify(event),
    };
  }
}
