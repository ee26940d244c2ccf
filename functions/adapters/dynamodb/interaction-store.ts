import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../../core/errors.ts';
import type { Interaction } from '../../../core/interaction/interaction.ts';
import type {
  Events,
  InteractionStore,
  RecordInteractionResult,
  Timeline,
} from '../../../core/ports.ts';
import type { MessageRecord } from '../../../core/schedule.ts';
import { customerExists, eventPuts, failedConditions, stripKeys } from './client.ts';
import { keys, prefixes } from './keys.ts';

export class DynamoInteractionStore implements InteractionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * One transaction, three item writes: the idempotency key (new ids only), the timeline entry and
   * the `interaction.recorded` outbox item; plus a condition that the customer exists.
   */
  async recordInteraction(
    interaction: Interaction,
    requestHash: string,
    events: Events,
  ): Promise<RecordInteractionResult> {
    const { customerId } = interaction;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            customerExists(this.tableName, customerId),
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.interactionKey(interaction.id),
                  entity: 'interaction-key',
                  requestHash,
                  interaction,
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.interaction(customerId, interaction.occurredAt, interaction.id),
                  entity: 'interaction',
                  ...interaction,
                },
              },
            },
            ...eventPuts(this.tableName, events),
          ],
        }),
      );
      return { outcome: 'recorded' };
    } catch (error) {
      const failed = failedConditions(error);
      if (failed?.[1]) return { outcome: 'duplicate', existing: await this.stored(interaction.id) };
      if (failed?.[0]) {
        throw new NotFoundError(
          'customer',
          customerId,
          'register the customer first (POST /customers)',
        );
      }
      throw error;
    }
  }

  async timeline(customerId: string, limit: number): Promise<Timeline> {
    const [interactions, messages] = await Promise.all([
      this.newest<Interaction>(customerId, prefixes.interaction, limit),
      this.newest<MessageRecord>(customerId, prefixes.message, limit),
    ]);
    return { interactions, messages };
  }

  private async newest<T>(customerId: string, prefix: string, limit: number): Promise<T[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: {
          ':pk': prefixes.customerPartition(customerId),
          ':prefix': prefix,
        },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item) => stripKeys<T>(item));
  }

  private async stored(interactionId: string) {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.interactionKey(interactionId),
        ConsistentRead: true,
      }),
    );
    if (!Item) throw new Error(`interaction key ${interactionId} vanished after a duplicate write`);
    return { interaction: Item.interaction as Interaction, requestHash: String(Item.requestHash) };
  }
}
