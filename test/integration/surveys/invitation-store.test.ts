import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '../../../functions/adapters/dynamodb/keys.ts';
import { DynamoSurveyInvitationStore } from '../../../functions/adapters/dynamodb/survey-invitation-store.ts';
import { freshTable } from '../../support/services.ts';

describe('the survey invitation record in DynamoDB Local', () => {
  it('lets exactly one of several concurrent invitations of a never-invited customer through', async () => {
    const { db, tableName } = await freshTable('surveys');
    const store = new DynamoSurveyInvitationStore(db, tableName);
    const at = (minute: number) => `2026-10-24T08:0${minute}:00.000Z`;

    const results = await Promise.all(
      [1, 2, 3, 4].map((minute) =>
        store.recordInvitation('ana', { lastInvitedAt: at(minute) }, undefined),
      ),
    );

    expect(results.filter(Boolean)).toHaveLength(1);
    const stored = await db.send(
      new GetCommand({ TableName: tableName, Key: keys.systemState('ana', 'survey') }),
    );
    const winner = [1, 2, 3, 4][results.indexOf(true)] ?? 0;
    expect(stored.Item?.value).toEqual({ lastInvitedAt: at(winner) });
  });

  it('writes the next invitation only on the condition of the last one read', async () => {
    const { db, tableName } = await freshTable('surveys');
    const store = new DynamoSurveyInvitationStore(db, tableName);
    const first = '2026-09-01T08:00:00.000Z';
    expect(await store.recordInvitation('ana', { lastInvitedAt: first }, undefined)).toBe(true);

    const next = { lastInvitedAt: '2026-10-24T08:00:00.000Z', lastScore: 9 };
    expect(await store.recordInvitation('ana', next, undefined)).toBe(false);
    expect(await store.recordInvitation('ana', next, '2026-08-01T08:00:00.000Z')).toBe(false);
    expect(await store.recordInvitation('ana', next, first)).toBe(true);
  });
});

describe('counting survey invitations for the response rate', () => {
  it('counts the invitations recorded in a period, across customers and days', async () => {
    const { db, tableName } = await freshTable('surveys');
    const store = new DynamoSurveyInvitationStore(db, tableName);
    await store.recordInvitation('ana', { lastInvitedAt: '2026-10-24T08:00:00.000Z' }, undefined);
    await store.recordInvitation('luis', { lastInvitedAt: '2026-10-25T09:00:00.000Z' }, undefined);
    await store.recordInvitation('eva', { lastInvitedAt: '2026-11-02T09:00:00.000Z' }, undefined);
    // A refused invitation is not counted.
    await store.recordInvitation('ana', { lastInvitedAt: '2026-10-26T08:00:00.000Z' }, undefined);

    const october = await store.invitationsBetween(
      new Date('2026-10-01T00:00:00Z'),
      new Date('2026-11-01T00:00:00Z'),
    );
    const oneDay = await store.invitationsBetween(
      new Date('2026-10-25T00:00:00Z'),
      new Date('2026-10-25T09:00:00Z'),
    );
    expect([october, oneDay]).toEqual([2, 0]);
  });
});
