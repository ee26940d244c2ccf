import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe } from 'vitest';
import type { ConsentChange } from '../../../core/customer/consent.ts';
import type { CustomerProfile } from '../../../core/customer/customer.ts';
import type { Holds } from '../../../core/customer/system-state.ts';
import type { DomainEvent } from '../../../core/events/registry.ts';
import type { CustomerStore, InteractionStore, ScheduleStore } from '../../../core/ports.ts';
import type { MessageRecord, ScheduledAction } from '../../../core/schedule.ts';
import { DynamoCustomerStore } from '../../../functions/adapters/dynamodb/customer-store.ts';
import { DynamoInteractionStore } from '../../../functions/adapters/dynamodb/interaction-store.ts';
import { keys } from '../../../functions/adapters/dynamodb/keys.ts';
import { DynamoScheduleStore } from '../../../functions/adapters/dynamodb/schedule-store.ts';
import { DynamoSystemStateStore } from '../../../functions/adapters/dynamodb/system-state-store.ts';
import { aProfile } from '../../support/builders.ts';
import { fakeWorld } from '../../support/fakes/world.ts';
import { freshTable } from '../../support/services.ts';
import { aSchedule as plannedAction } from '../../unit/use-cases/support.ts';

/** The three stores under contract, and a way to read the outbox and seed what Rapport computes. */
export interface Stores {
  readonly customers: CustomerStore;
  readonly interactions: InteractionStore;
  readonly schedules: ScheduleStore;
  putHolds(customerId: string, holds: Holds): Promise<void>;
  /** The event stored in the outbox under this id, if any. */
  storedEvent(id: string): Promise<DomainEvent | undefined>;
  close(): void;
}

async function inMemory(): Promise<Stores> {
  const world = fakeWorld('2026-11-23T20:00:00Z');
  return {
    ...world,
    putHolds: (customerId, holds) => world.customers.putSystemState(customerId, 'holds', holds),
    storedEvent: async (id) => world.outbox.event(id),
    close: () => {},
  };
}

async function onDynamoDbLocal(): Promise<Stores> {
  const { db, tableName } = await freshTable('contract');
  const state = new DynamoSystemStateStore(db, tableName);
  return {
    customers: new DynamoCustomerStore(db, tableName),
    interactions: new DynamoInteractionStore(db, tableName),
    schedules: new DynamoScheduleStore(db, tableName),
    putHolds: (customerId, holds) => state.put(customerId, 'holds', holds),
    storedEvent: async (id) => {
      const { Item } = await db.send(
        new GetCommand({ TableName: tableName, Key: keys.event(id), ConsistentRead: true }),
      );
      return Item?.event as DomainEvent | undefined;
    },
    close: () => db.destroy(),
  };
}

// Within a contract file, each implementation shares one table (or world) across the scenarios:
// every scenario names its own customers, interactions and schedules, so none sees another's.
export const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

export const T1 = '2026-11-01T15:00:00.000Z';
export const T2 = '2026-11-02T15:00:00.000Z';
export const T3 = '2026-11-03T15:00:00.000Z';

export function aNewProfile(overrides: Partial<CustomerProfile> = {}): CustomerProfile {
  return aProfile({ id: unique('customer'), externalIds: { pos: unique('P') }, ...overrides });
}

export function aConsentChange(overrides: Partial<ConsentChange> = {}): ConsentChange {
  return {
    channel: 'email',
    status: 'granted',
    source: 'web-form',
    at: T1,
    by: 'pos',
    changeId: unique('change'),
    recordedAt: T1,
    ...overrides,
  };
}

export function registered(
  customerId: string,
  id = `customer.registered:${customerId}`,
): DomainEvent {
  return { id, type: 'customer.registered', occurredAt: T1, data: { customerId } };
}

export function consentChanged(customerId: string, change: ConsentChange): DomainEvent {
  const { channel, status, source, by } = change;
  return {
    id: `consent.changed:${customerId}:${channel}:${change.changeId}`,
    type: 'consent.changed',
    occurredAt: change.recordedAt,
    data: { customerId, channel, status, source, by },
  };
}

export function updated(customerId: string, id = unique('customer.updated')): DomainEvent {
  return { id, type: 'customer.updated', occurredAt: T2, data: { customerId, changed: ['name'] } };
}

/** The unit tests' planned action (test/unit/use-cases/support.ts), for a customer of its own. */
export function aSchedule(overrides: Partial<ScheduledAction> = {}): ScheduledAction {
  return plannedAction({
    scheduleId: unique('test-follow-up'),
    customerId: unique('customer'),
    triggerEventId: 'interaction.recorded:visit-1',
    ...overrides,
  });
}

export function aMessage(
  schedule: ScheduledAction,
  overrides: Partial<MessageRecord> = {},
): MessageRecord {
  return {
    messageId: schedule.scheduleId,
    customerId: schedule.customerId,
    scheduleId: schedule.scheduleId,
    automationId: schedule.automationId,
    category: schedule.category,
    channel: 'email',
    status: 'sent',
    template: 'hello',
    to: 'ana@example.com',
    createdAt: '2026-11-24T15:00:05.000Z',
    ...overrides,
  };
}

export function outcome(
  schedule: ScheduledAction,
  id = `message.sent:${schedule.scheduleId}`,
): DomainEvent {
  return {
    id,
    type: 'message.sent',
    occurredAt: '2026-11-24T15:00:05.000Z',
    data: {
      customerId: schedule.customerId,
      messageId: schedule.scheduleId,
      scheduleId: schedule.scheduleId,
      automationId: schedule.automationId,
      channel: 'email',
    },
  };
}

export const NOW = new Date('2026-11-24T15:00:01.000Z');
export const LEASE_MS = 60_000;

/** What every contract file runs over, by name. */
const STORE_IMPLEMENTATIONS = [
  ['the in-memory fakes', inMemory],
  ['the DynamoDB stores on DynamoDB Local', onDynamoDbLocal],
] as const;

/**
 * The scenarios `body` declares, once per implementation, on stores made before they run and closed
 * after. `stores` is filled in when they are made: read it inside the scenarios, not while declaring.
 */
export function describeStoreContract(body: (stores: Stores) => void): void {
  describe.each(STORE_IMPLEMENTATIONS)('the store contract, kept by %s', (_name, make) => {
    const stores = {} as Stores;
    beforeAll(async () => {
      Object.assign(stores, await make());
    });
    afterAll(() => stores.close?.());
    body(stores);
  });
}
