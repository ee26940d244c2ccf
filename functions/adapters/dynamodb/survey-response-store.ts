import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ComplaintCase } from '../../../core/complaints/case.ts';
import { ConflictError } from '../../../core/errors.ts';
import type { Interaction } from '../../../core/interaction/interaction.ts';
import type { Events } from '../../../core/ports.ts';
import type {
  SurveyContext,
  SurveyResponse,
  SurveyResponseStore,
} from '../../../core/surveys/response.ts';
import { caseKey } from './case-store.ts';
import { eventPuts, failedConditions, stripKeys } from './client.ts';
import { GSI1, keys, prefixes } from './keys.ts';

const DAY_MS = 86_400_000;
/** Days of a period queried at once: a year is 366 small queries, not 366 at the same instant. */
const DAY_QUERIES_AT_ONCE = 8;

/**
 * Survey responses: one item per (customer, interaction) in the customer's partition, indexed in
 * GSI1 under the UTC day of the answer (`SURVEYRESPONSES#<yyyy-mm-dd>`), so "every response between
 * from and to" is one Query per day of the period.
 */
export class DynamoSurveyResponseStore implements SurveyResponseStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async response(customerId: string, interactionId: string) {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.surveyResponse(customerId, interactionId),
        ConsistentRead: true,
      }),
    );
    return Item ? stripKeys<SurveyResponse>(Item) : undefined;
  }

  async saveResponse(
    response: SurveyResponse,
    previousAnsweredAt: string | undefined,
    events: Events,
  ): Promise<void> {
    const { customerId, interactionId, answeredAt } = response;
    // The answer this one was computed from must still be the stored one: two answers at once
    // cannot both claim to be the first (and both emit survey.answered).
    const unchanged =
      previousAnsweredAt === undefined
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            ConditionExpression: 'answeredAt = :previous',
            ExpressionAttributeValues: { ':previous': previousAnsweredAt },
          };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.surveyResponse(customerId, interactionId),
                  ...keys.surveyResponseByDay(answeredAt, customerId, interactionId),
                  entity: 'survey-response',
                  ...response,
                },
                ...unchanged,
              },
            },
            ...eventPuts(this.tableName, events),
          ],
        }),
      );
    } catch (error) {
      if (failedConditions(error)?.[0]) {
        throw new ConflictError(`the answer about '${interactionId}' changed meanwhile`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  async surveyContext(interactionId: string): Promise<SurveyContext | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.interactionKey(interactionId) }),
    );
    const interaction = Item?.interaction as Interaction | undefined;
    if (!interaction) return this.followUpContext(interactionId);
    return {
      touchpoint: interaction.touchpoint,
      ...(interaction.agent ? { agent: interaction.agent } : {}),
    };
  }

  /** A complaint's follow-up check is a survey about the case: its id is the case id. */
  private async followUpContext(caseId: string): Promise<SurveyContext | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: caseKey(caseId) }),
    );
    const found = Item?.value as ComplaintCase | undefined;
    return found ? { touchpoint: found.channel, followUp: true } : undefined;
  }

  async responsesBetween(from: Date, to: Date): Promise<SurveyResponse[]> {
    const days: string[] = [];
    const first = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    for (let day = first; day < to.getTime(); day += DAY_MS) {
      days.push(new Date(day).toISOString().slice(0, 10));
    }
    const results: SurveyResponse[][] = [];
    for (let index = 0; index < days.length; index += DAY_QUERIES_AT_ONCE) {
      const batch = days.slice(index, index + DAY_QUERIES_AT_ONCE);
      results.push(
        ...(await Promise.all(
          batch.map((day) => this.answeredOn(day, from.toISOString(), to.toISOString())),
        )),
      );
    }
    return results.flat();
  }

  /** `GSI1SK` is `<answeredAt>#...`, so `BETWEEN from AND to` keeps [from, to): `to#...` > `to`. */
  private async answeredOn(day: string, from: string, to: string): Promise<SurveyResponse[]> {
    const found: SurveyResponse[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: GSI1,
          KeyConditionExpression: 'GSI1PK = :day AND GSI1SK BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':day': prefixes.surveyResponsesOn(day),
            ':from': from,
            ':to': to,
          },
          ExclusiveStartKey: start,
        }),
      );
      found.push(...(page.Items ?? []).map((item) => stripKeys<SurveyResponse>(item)));
      start = page.LastEvaluatedKey;
    } while (start);
    return found;
  }
}
