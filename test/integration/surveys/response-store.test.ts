import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../core/errors.ts';
import type { SurveyResponse } from '../../../core/surveys/response.ts';
import { surveyAnswered } from '../../../core/use-cases/surveys/record-response.ts';
import { keys } from '../../../functions/adapters/dynamodb/keys.ts';
import { DynamoSurveyResponseStore } from '../../../functions/adapters/dynamodb/survey-response-store.ts';
import { freshTable } from '../../support/services.ts';

const aResponse = (
  interactionId: string,
  answeredAt: string,
  overrides: Partial<SurveyResponse> = {},
): SurveyResponse => ({
  customerId: 'ana',
  interactionId,
  kind: 'nps',
  score: 9,
  answeredAt,
  firstAnsweredAt: answeredAt,
  touchpoint: 'store',
  locale: 'en',
  ...overrides,
});

describe('survey responses in DynamoDB Local', () => {
  it('finds exactly the responses answered in [from, to), across day partitions, oldest first', async () => {
    const { db, tableName } = await freshTable('responses');
    const store = new DynamoSurveyResponseStore(db, tableName);
    const times = [
      '2026-11-01T23:59:59.999Z', // before `from`
      '2026-11-02T00:00:00.000Z', // exactly `from`: in
      '2026-11-02T23:59:59.999Z',
      '2026-11-04T12:00:00.000Z', // a day in between with nothing, then this
      '2026-11-05T00:00:00.000Z', // exactly `to`: out
    ];
    for (const [index, at] of times.entries()) {
      await store.saveResponse(aResponse(`visit-${index}`, at), undefined, []);
    }

    const found = await store.responsesBetween(
      new Date('2026-11-02T00:00:00Z'),
      new Date('2026-11-05T00:00:00Z'),
    );

    expect(found.map((r) => r.interactionId)).toEqual(['visit-1', 'visit-2', 'visit-3']);
    expect(found[0]).toEqual(aResponse('visit-1', times[1] ?? ''));
  });

  it('keeps one item per interaction: a new answer replaces the old and moves to its own day', async () => {
    const { db, tableName } = await freshTable('responses');
    const store = new DynamoSurveyResponseStore(db, tableName);
    const first = aResponse('visit-1', '2026-11-02T10:00:00.000Z', { score: 3 });
    await store.saveResponse(first, undefined, [surveyAnswered(first, false)]);
    const second = { ...first, score: 10, answeredAt: '2026-11-03T09:00:00.000Z' };
    await store.saveResponse(second, first.answeredAt, []);

    const day = (d: string) =>
      store.responsesBetween(new Date(`${d}T00:00:00Z`), new Date(`${d}T23:59:59Z`));
    expect(await day('2026-11-02')).toEqual([]);
    expect(await day('2026-11-03')).toEqual([second]);
    expect(await store.response('ana', 'visit-1')).toEqual(second);
    const outbox = await db.send(
      new GetCommand({ TableName: tableName, Key: keys.event(surveyAnswered(first, false).id) }),
    );
    expect(outbox.Item?.event).toMatchObject({ type: 'survey.answered', data: { score: 3 } });
  });

  it('lets only one of two concurrent first answers in; the other gets a conflict to retry', async () => {
    const { db, tableName } = await freshTable('responses');
    const store = new DynamoSurveyResponseStore(db, tableName);
    const results = await Promise.allSettled(
      [2, 8].map((score) =>
        store.saveResponse(
          aResponse('visit-1', `2026-11-02T10:00:0${score}.000Z`, { score }),
          undefined,
          [],
        ),
      ),
    );

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(ConflictError);
  });
});
