import { NotFoundError } from '../../../core/errors.ts';
import type { Interaction } from '../../../core/interaction/interaction.ts';
import type {
  Events,
  InteractionStore,
  RecordInteractionResult,
  Timeline,
} from '../../../core/ports.ts';
import type { MessageRecord } from '../../../core/schedule.ts';
import { Outbox } from './outbox.ts';

export interface InteractionStoreWorld {
  /** The customers whose existence the write is conditional on. */
  readonly customers: { exists(customerId: string): boolean };
  /** Where the message records of the timeline live (the schedule store writes them). */
  readonly messages?: { messagesOf(customerId: string): readonly MessageRecord[] };
  readonly outbox?: Outbox;
}

/** Newest first by a sort key, as a descending Query reads a partition. */
const newestFirst = <T>(items: readonly T[], sortKey: (item: T) => string, limit: number) =>
  [...items].sort((a, b) => (sortKey(a) < sortKey(b) ? 1 : -1)).slice(0, limit);

/**
 * The InteractionStore port in memory, with the semantics of the DynamoDB store: the idempotency
 * key is global, checked before the customer (a duplicate answers the stored interaction even if
 * the customer is gone), and the key, the timeline entry and the events are written together.
 */
export class InMemoryInteractionStore implements InteractionStore {
  readonly outbox: Outbox;
  private readonly keys = new Map<string, { interaction: Interaction; requestHash: string }>();
  private readonly entries = new Map<string, Interaction[]>();

  constructor(private readonly world: InteractionStoreWorld) {
    this.outbox = world.outbox ?? new Outbox();
  }

  async recordInteraction(
    interaction: Interaction,
    requestHash: string,
    events: Events,
  ): Promise<RecordInteractionResult> {
    const existing = this.keys.get(interaction.id);
    if (existing) return { outcome: 'duplicate', existing: structuredClone(existing) };
    const { customerId } = interaction;
    if (!this.world.customers.exists(customerId)) {
      throw new NotFoundError(
        'customer',
        customerId,
        'register the customer first (POST /customers)',
      );
    }
    this.keys.set(interaction.id, structuredClone({ interaction, requestHash }));
    this.entries.set(customerId, [
      ...(this.entries.get(customerId) ?? []),
      structuredClone(interaction),
    ]);
    this.outbox.record('recordInteraction', interaction.id, events);
    return { outcome: 'recorded' };
  }

  async timeline(customerId: string, limit: number): Promise<Timeline> {
    const interactions = newestFirst(
      this.entries.get(customerId) ?? [],
      (entry) => `${entry.occurredAt}#${entry.id}`,
      limit,
    );
    const messages = newestFirst(
      this.world.messages?.messagesOf(customerId) ?? [],
      (message) => `${message.createdAt}#${message.messageId}`,
      limit,
    );
    return structuredClone({ interactions, messages });
  }
}
