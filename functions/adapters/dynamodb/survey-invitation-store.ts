import {
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { SurveyState } from '../../../core/customer/system-state.ts';
import type { SurveyInvitationStore } from '../../../core/surveys/invitation.ts';
import { failedConditions } from './client.ts';
import { GSI1, keys } from './keys.ts';

const DAY_MS = 86_400_000;
const invitationsOn = (day: string) => `SURVEYINVITATIONS#${day}`;

/**
 * The survey fatigue guard's write: the customer's `survey` part (the item DynamoSystemStateStore
 * writes), put only if its `lastInvitedAt` is still the one the guard decided on, so two
 * dispatchers inviting the same customer at once cannot both succeed. In the same transaction, a
 * log item under the UTC day in GSI1: the indicators' response rate counts invitations by day.
 */
export class DynamoSurveyInvitationStore implements SurveyInvitationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordInvitation(
    customerId: string,
    next: SurveyState,
    expected: string | undefined,
  ): Promise<boolean> {
    const at = next.lastInvitedAt ?? '';
    const names = { '#value': 'value', '#last': 'lastInvitedAt' };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.systemState(customerId, 'survey'),
                  entity: 'system-state',
                  part: 'survey',
                  value: next,
                },
                ...(expected === undefined
                  ? {
                      ConditionExpression: 'attribute_not_exists(#value.#last)',
                      ExpressionAttributeNames: names,
                    }
                  : {
                      ConditionExpression: '#value.#last = :expected',
                      ExpressionAttributeNames: names,
                      ExpressionAttributeValues: { ':expected': expected },
                    }),
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  PK: `CUSTOMER#${customerId}`,
                  SK: `SURVEYINVITATION#${at}`,
                  GSI1PK: invitationsOn(at.slice(0, 10)),
                  GSI1SK: `${at}#${customerId}`,
                  entity: 'survey-invitation',
                  customerId,
                  at,
                },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (failedConditions(error)?.[0]) return false;
      throw error;
    }
  }

  /** Invitations recorded in [from, to): one COUNT query per UTC day of the period. */
  async invitationsBetween(from: Date, to: Date): Promise<number> {
    let total = 0;
    const first = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    for (let day = first; day < to.getTime(); day += DAY_MS) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.db.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: GSI1,
            KeyConditionExpression: 'GSI1PK = :day AND GSI1SK BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':day': invitationsOn(new Date(day).toISOString().slice(0, 10)),
              ':from': from.toISOString(),
              ':to': to.toISOString(),
            },
            Select: 'COUNT',
            ExclusiveStartKey: start,
          }),
        );
        total += page.Count ?? 0;
        start = page.LastEvaluatedKey;
      } while (start);
    }
    return total;
  }
}
