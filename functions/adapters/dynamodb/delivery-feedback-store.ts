import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Channel } from '../../../core/channels.ts';
import type { DeliveryFeedbackStore, DeliveryReport, SentMessageRef } from '../../../core/ports.ts';
import { keys, prefixes } from './keys.ts';

/**
 * Finds a message by the provider's id through the `PROVIDERMSG#` pointer the schedule store
 * writes with a sent message (same transaction), and records the provider's report on the message
 * item with a conditional update: only over no report, or a weaker one.
 */
export class DynamoDeliveryFeedbackStore implements DeliveryFeedbackStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async findByProviderId(providerMessageId: string): Promise<SentMessageRef | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.providerMessage(providerMessageId) }),
    );
    if (!Item) return undefined;
    const message = parseMessageSortKey(Item.messageKey?.SK);
    if (!message || typeof Item.customerId !== 'string') return undefined;
    const channel = Channel.safeParse(Item.channel);
    return {
      customerId: Item.customerId,
      ...message,
      ...(channel.success ? { channel: channel.data } : {}),
      ...(typeof Item.to === 'string' ? { to: Item.to } : {}),
    };
  }

  async recordDelivery(
    ref: SentMessageRef,
    report: DeliveryReport,
    replaces: readonly DeliveryReport['status'][],
  ): Promise<boolean> {
    const weaker = replaces.map((_, index) => `:weaker${index}`);
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.message(ref.customerId, ref.createdAt, ref.messageId),
          UpdateExpression: 'SET delivery = :report',
          // attribute_exists: a report never creates a message item that is not there.
          ConditionExpression:
            weaker.length === 0
              ? 'attribute_exists(PK) AND attribute_not_exists(delivery)'
              : `attribute_exists(PK) AND (attribute_not_exists(delivery) OR delivery.#status IN (${weaker.join(', ')}))`,
          ...(weaker.length === 0 ? {} : { ExpressionAttributeNames: { '#status': 'status' } }),
          ExpressionAttributeValues: {
            ':report': report,
            ...Object.fromEntries(replaces.map((status, index) => [`:weaker${index}`, status])),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

/** `MESSAGE#<createdAt>#<messageId>`: times in keys never contain `#`, message ids may. */
function parseMessageSortKey(
  sortKey: unknown,
): { readonly createdAt: string; readonly messageId: string } | undefined {
  if (typeof sortKey !== 'string' || !sortKey.startsWith(prefixes.message)) return undefined;
  const rest = sortKey.slice(prefixes.message.length);
  const split = rest.indexOf('#');
  if (split <= 0) return undefined;
  return { createdAt: rest.slice(0, split), messageId: rest.slice(split + 1) };
}
