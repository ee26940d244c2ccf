import { beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../../core/errors.ts';
import type { ScheduledAction } from '../../core/schedule.ts';
import { DynamoCustomerStore } from '../../functions/adapters/dynamodb/customer-store.ts';
import { DynamoInteractionStore } from '../../functions/adapters/dynamodb/interaction-store.ts';
import { DynamoScheduleStore } from '../../functions/adapters/dynamodb/schedule-store.ts';
import { aCustomer, anInteraction } from '../support/builders.ts';
import { freshTable } from '../support/services.ts';

let customers: DynamoCustomerStore;
let interactions: DynamoInteractionStore;
let schedules: DynamoScheduleStore;

beforeAll(async () => {
  const { db, tableName } = await freshTable('stores');
  customers = new DynamoCustomerStore(db, tableName);
  interactions = new DynamoInteractionStore(db, tableName);
  schedules = new DynamoScheduleStore(db, tableName);
});

describe('customer store on DynamoDB Local', () => {
  it('finds a customer by id and by each external id', async () => {
    const customer = aCustomer({ id: 'c-find', externalIds: { pos: 'P-find', web: 'W-find' } });

    await customers.createCustomer(customer);

    expect(await customers.getCustomer('c-find')).toEqual(customer);
    expect(await customers.findCustomerIdByExternalId('pos', 'P-find')).toBe('c-find');
    expect(await customers.findCustomerIdByExternalId('web', 'W-find')).toBe('c-find');
  });

  it('refuses a second customer with an external id that is taken, and writes nothing of it', async () => {
    await customers.createCustomer(aCustomer({ id: 'c-owner', externalIds: { pos: 'P-taken' } }));

    const clash = aCustomer({ id: 'c-clash', externalIds: { pos: 'P-taken' } });

    await expect(customers.createCustomer(clash)).rejects.toThrowError(
      /external id pos:P-taken already belongs/,
    );
    expect(await customers.getCustomer('c-clash')).toBeUndefined();
  });

  it('moves external ids on replace and refuses a stale replace', async () => {
    const first = aCustomer({ id: 'c-move', externalIds: { pos: 'P-old' } });
    await customers.createCustomer(first);
    const second = {
      ...first,
      externalIds: { pos: 'P-new' },
      updatedAt: '2026-11-02T00:00:00.000Z',
    };

    await customers.replaceCustomer(second, first);

    expect(await customers.findCustomerIdByExternalId('pos', 'P-old')).toBeUndefined();
    expect(await customers.findCustomerIdByExternalId('pos', 'P-new')).toBe('c-move');
    await expect(
      customers.replaceCustomer({ ...first, updatedAt: 'x' }, first),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('interaction store on DynamoDB Local', () => {
  it('records an interaction once and returns the first one on a duplicate id', async () => {
    await customers.createCustomer(aCustomer({ id: 'c-int', externalIds: {} }));
    const interaction = anInteraction({ id: 'int-once', customerId: 'c-int' });

    const first = await interactions.recordInteraction(interaction, 'hash-1');
    const again = await interactions.recordInteraction(
      { ...interaction, recordedAt: '2026-12-01T00:00:00.000Z' },
      'hash-1',
    );

    expect(first).toEqual({ outcome: 'recorded' });
    expect(again).toEqual({
      outcome: 'duplicate',
      existing: { interaction, requestHash: 'hash-1', published: false },
    });
    expect((await interactions.timeline('c-int', 10)).interactions).toEqual([interaction]);
  });

  it('writes nothing for an unknown customer', async () => {
    const interaction = anInteraction({ id: 'int-orphan', customerId: 'c-nobody' });

    await expect(interactions.recordInteraction(interaction, 'h')).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await customers.createCustomer(aCustomer({ id: 'c-nobody', externalIds: {} }));
    expect(await interactions.recordInteraction(interaction, 'h')).toEqual({ outcome: 'recorded' });
  });

  it('returns the timeline newest first', async () => {
    await customers.createCustomer(aCustomer({ id: 'c-tl', externalIds: {} }));
    for (const [id, at] of [
      ['a', '2026-11-01T10:00:00.000Z'],
      ['b', '2026-11-03T10:00:00.000Z'],
      ['c', '2026-11-02T10:00:00.000Z'],
    ]) {
      await interactions.recordInteraction(
        anInteraction({ id: `tl-${id}`, customerId: 'c-tl', occurredAt: at as string }),
        id as string,
      );
    }

    const { interactions: timeline } = await interactions.timeline('c-tl', 2);

    expect(timeline.map((i) => i.id)).toEqual(['tl-b', 'tl-c']);
  });
});

describe('schedule store on DynamoDB Local', () => {
  const schedule = (id: string, dueAt: string): ScheduledAction => ({
    scheduleId: id,
    automationId: 'next-day-follow-up',
    category: 'service',
    customerId: 'c-int',
    triggerEventId: `evt-${id}`,
    trigger: {},
    action: { kind: 'send-message', channel: 'email', template: 'next-day-follow-up' },
    due: { instant: dueAt, localDateTime: dueAt.slice(0, 19), timeZone: 'UTC' },
    status: 'pending',
    attempts: 0,
    createdAt: '2026-11-23T00:00:00.000Z',
    updatedAt: '2026-11-23T00:00:00.000Z',
  });

  it('creates a schedule once and lists it as pending until its completion', async () => {
    const s = schedule('s-life', '2026-11-24T15:00:00.000Z');

    expect(await schedules.createSchedule(s)).toBe('created');
    expect(await schedules.createSchedule(s)).toBe('exists');
    expect(
      (await schedules.listPendingSchedules(new Date('2026-11-24T15:00:00Z'), 50)).map(
        (p) => p.scheduleId,
      ),
    ).toContain('s-life');
    expect(
      (await schedules.listPendingSchedules(new Date('2026-11-24T14:59:59Z'), 50)).map(
        (p) => p.scheduleId,
      ),
    ).not.toContain('s-life');

    const now = new Date('2026-11-24T15:00:00Z');
    const claimed = await schedules.claimSchedule({ scheduleId: 's-life', now, leaseMs: 60_000 });
    const message = {
      messageId: 's-life',
      customerId: 'c-int',
      scheduleId: 's-life',
      automationId: 'next-day-follow-up',
      channel: 'email' as const,
      status: 'sent' as const,
      createdAt: now.toISOString(),
    };
    await schedules.completeSchedule({
      schedule: claimed as ScheduledAction,
      status: 'sent',
      message,
      now,
    });

    expect(claimed).toMatchObject({ status: 'dispatching', attempts: 1 });
    expect(await schedules.getSchedule('s-life')).toMatchObject({
      status: 'sent',
      messageId: 's-life',
    });
    expect((await schedules.listPendingSchedules(now, 50)).map((p) => p.scheduleId)).not.toContain(
      's-life',
    );
    expect((await interactions.timeline('c-int', 10)).messages).toEqual([message]);
  });

  it('lets one dispatcher claim a schedule until its lease runs out', async () => {
    await schedules.createSchedule(schedule('s-claim', '2026-11-24T15:00:00.000Z'));
    const now = new Date('2026-11-24T15:00:00Z');

    const first = await schedules.claimSchedule({ scheduleId: 's-claim', now, leaseMs: 60_000 });
    const second = await schedules.claimSchedule({ scheduleId: 's-claim', now, leaseMs: 60_000 });
    const afterLease = await schedules.claimSchedule({
      scheduleId: 's-claim',
      now: new Date('2026-11-24T15:02:00Z'),
      leaseMs: 60_000,
    });

    expect(first?.attempts).toBe(1);
    expect(second).toBeUndefined();
    expect(afterLease?.attempts).toBe(2);
  });

  it('gives a released schedule back for a retry', async () => {
    await schedules.createSchedule(schedule('s-release', '2026-11-24T15:00:00.000Z'));
    const now = new Date('2026-11-24T15:00:00Z');
    await schedules.claimSchedule({ scheduleId: 's-release', now, leaseMs: 60_000 });

    await schedules.releaseSchedule('s-release', 'throttled', now);

    expect(await schedules.getSchedule('s-release')).toMatchObject({
      status: 'pending',
      lastError: 'throttled',
    });
    expect(
      await schedules.claimSchedule({ scheduleId: 's-release', now, leaseMs: 60_000 }),
    ).toMatchObject({ attempts: 2 });
  });
});
