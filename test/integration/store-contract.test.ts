import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentChange } from '../../core/customer/consent.ts';
import type { CustomerProfile } from '../../core/customer/customer.ts';
import type { Holds } from '../../core/customer/system-state.ts';
import { ConflictError, NotFoundError } from '../../core/errors.ts';
import type { DomainEvent } from '../../core/events/registry.ts';
import type { Interaction } from '../../core/interaction/interaction.ts';
import type { CustomerStore, InteractionStore, ScheduleStore } from '../../core/ports.ts';
import type { MessageRecord, ScheduledAction } from '../../core/schedule.ts';
import { DynamoCustomerStore } from '../../functions/adapters/dynamodb/customer-store.ts';
import { DynamoInteractionStore } from '../../functions/adapters/dynamodb/interaction-store.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { DynamoScheduleStore } from '../../functions/adapters/dynamodb/schedule-store.ts';
import { DynamoSystemStateStore } from '../../functions/adapters/dynamodb/system-state-store.ts';
import { anInteraction, aProfile, interactionRecorded } from '../support/builders.ts';
import { fakeWorld } from '../support/fakes/world.ts';
import { freshTable } from '../support/services.ts';

/** The three stores under contract, and a way to read the outbox and seed what Rapport computes. */
interface Stores {
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

// Both implementations share a table (or a world) across the scenarios: every scenario names its
// own customers, interactions and schedules, so they cannot see each other.
const unique = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

const T1 = '2026-11-01T15:00:00.000Z';
const T2 = '2026-11-02T15:00:00.000Z';
const T3 = '2026-11-03T15:00:00.000Z';

function aNewProfile(overrides: Partial<CustomerProfile> = {}): CustomerProfile {
  return aProfile({ id: unique('customer'), externalIds: { pos: unique('P') }, ...overrides });
}

function aConsentChange(overrides: Partial<ConsentChange> = {}): ConsentChange {
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

function registered(customerId: string, id = `customer.registered:${customerId}`): DomainEvent {
  return { id, type: 'customer.registered', occurredAt: T1, data: { customerId } };
}

function consentChanged(customerId: string, change: ConsentChange): DomainEvent {
  const { channel, status, source, by } = change;
  return {
    id: `consent.changed:${customerId}:${channel}:${change.changeId}`,
    type: 'consent.changed',
    occurredAt: change.recordedAt,
    data: { customerId, channel, status, source, by },
  };
}

function updated(customerId: string, id = unique('customer.updated')): DomainEvent {
  return { id, type: 'customer.updated', occurredAt: T2, data: { customerId, changed: ['name'] } };
}

function aSchedule(overrides: Partial<ScheduledAction> = {}): ScheduledAction {
  return {
    scheduleId: unique('test-follow-up'),
    automationId: 'test-follow-up',
    category: 'service',
    customerId: unique('customer'),
    triggerEventId: 'interaction.recorded:visit-1',
    trigger: { interaction: { type: 'visit' } },
    action: { kind: 'send-message', channel: 'email', template: 'hello' },
    due: {
      instant: '2026-11-24T15:00:00.000Z',
      localDateTime: '2026-11-24T10:00:00',
      timeZone: 'America/Bogota',
    },
    status: 'pending',
    attempts: 0,
    createdAt: '2026-11-23T20:00:01.000Z',
    updatedAt: '2026-11-23T20:00:01.000Z',
    ...overrides,
  };
}

function aMessage(
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

function outcome(
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

const NOW = new Date('2026-11-24T15:00:01.000Z');
const LEASE_MS = 60_000;

describe.each([
  ['the in-memory fakes', inMemory],
  ['the DynamoDB stores on DynamoDB Local', onDynamoDbLocal],
] as const)('the store contract, kept by %s', (_name, make) => {
  let stores: Stores;
  beforeAll(async () => {
    stores = await make();
  });
  afterAll(() => stores?.close());

  describe('customers', () => {
    it('creates a customer with its external ids, consent in force and history, and its events', async () => {
      const profile = aNewProfile();
      const grant = aConsentChange();
      const events = [registered(profile.id), consentChanged(profile.id, grant)];

      await stores.customers.createCustomer(profile, [grant], events);

      expect(await stores.customers.getCustomer(profile.id)).toEqual({
        ...profile,
        consent: { email: { status: 'granted', source: 'web-form', at: T1, by: 'pos' } },
        reachability: {},
        holds: { openCases: [] },
      });
      expect(
        await stores.customers.findCustomerIdByExternalId('pos', profile.externalIds.pos ?? ''),
      ).toBe(profile.id);
      expect(await stores.customers.consentHistory(profile.id, 10)).toEqual([grant]);
      expect(await stores.storedEvent(events[0]?.id ?? '')).toEqual(events[0]);
      expect(await stores.storedEvent(events[1]?.id ?? '')).toEqual(events[1]);
    });

    it('refuses a second customer with the same id, writing none of it and none of its events', async () => {
      const first = aNewProfile();
      await stores.customers.createCustomer(first, [], [registered(first.id)]);
      const second = aNewProfile({ id: first.id, name: { given: 'Other' } });
      const event = registered(first.id, unique('second-registration'));

      const attempt = stores.customers.createCustomer(second, [], [event]);

      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      expect(await stores.customers.getCustomer(first.id)).toMatchObject({ name: first.name });
      expect(
        await stores.customers.findCustomerIdByExternalId('pos', second.externalIds.pos ?? ''),
      ).toBeUndefined();
      expect(await stores.storedEvent(event.id)).toBeUndefined();
    });

    it('refuses a customer whose external id belongs to another, writing nothing', async () => {
      const owner = aNewProfile();
      await stores.customers.createCustomer(owner, [], []);
      const intruder = aNewProfile({ externalIds: owner.externalIds });
      const grant = aConsentChange();

      const attempt = stores.customers.createCustomer(intruder, [grant], [registered(intruder.id)]);

      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      expect(await stores.customers.getCustomer(intruder.id)).toBeUndefined();
      expect(await stores.customers.consentHistory(intruder.id, 10)).toEqual([]);
      expect(await stores.storedEvent(`customer.registered:${intruder.id}`)).toBeUndefined();
      expect(
        await stores.customers.findCustomerIdByExternalId('pos', owner.externalIds.pos ?? ''),
      ).toBe(owner.id);
    });

    it('replaces a profile read at its current version, moving external ids and keeping consent and system state', async () => {
      const before = aNewProfile();
      const grant = aConsentChange();
      await stores.customers.createCustomer(before, [grant], []);
      await stores.putHolds(before.id, { openCases: ['case-1'] });
      const next: CustomerProfile = {
        ...before,
        name: { given: 'Ana María' },
        externalIds: { web: unique('W') },
        updatedAt: T2,
      };
      const event = updated(before.id);

      await stores.customers.replaceProfile(next, before, [event]);

      expect(await stores.customers.getCustomer(before.id)).toEqual({
        ...next,
        consent: { email: { status: 'granted', source: 'web-form', at: T1, by: 'pos' } },
        reachability: {},
        holds: { openCases: ['case-1'] },
      });
      expect(
        await stores.customers.findCustomerIdByExternalId('pos', before.externalIds.pos ?? ''),
      ).toBeUndefined();
      expect(
        await stores.customers.findCustomerIdByExternalId('web', next.externalIds.web ?? ''),
      ).toBe(before.id);
      expect(await stores.storedEvent(event.id)).toEqual(event);
    });

    it('refuses a replace from a stale read, leaving the profile as it is and writing no event', async () => {
      const v1 = aNewProfile();
      await stores.customers.createCustomer(v1, [], []);
      const v2 = { ...v1, name: { given: 'Second' }, updatedAt: T2 };
      await stores.customers.replaceProfile(v2, v1, []);
      const stale = { ...v1, name: { given: 'Stale' }, updatedAt: T3 };
      const event = updated(v1.id);

      const attempt = stores.customers.replaceProfile(stale, v1, [event]);

      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      expect(await stores.customers.getCustomer(v1.id)).toMatchObject({
        name: { given: 'Second' },
        updatedAt: T2,
      });
      expect(await stores.storedEvent(event.id)).toBeUndefined();
    });

    it('refuses a replace that takes an external id of another customer, writing nothing', async () => {
      const owner = aNewProfile();
      const before = aNewProfile();
      await stores.customers.createCustomer(owner, [], []);
      await stores.customers.createCustomer(before, [], []);
      const next = { ...before, externalIds: owner.externalIds, updatedAt: T2 };
      const event = updated(before.id);

      const attempt = stores.customers.replaceProfile(next, before, [event]);

      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      expect(await stores.customers.getCustomer(before.id)).toMatchObject({
        updatedAt: before.updatedAt,
      });
      expect(
        await stores.customers.findCustomerIdByExternalId('pos', before.externalIds.pos ?? ''),
      ).toBe(before.id);
      expect(
        await stores.customers.findCustomerIdByExternalId('pos', owner.externalIds.pos ?? ''),
      ).toBe(owner.id);
      expect(await stores.storedEvent(event.id)).toBeUndefined();
    });
  });

  describe('consent', () => {
    it('puts a newer decision in force and writes its event with it', async () => {
      const profile = aNewProfile();
      await stores.customers.createCustomer(profile, [aConsentChange({ at: T1 })], []);
      const optOut = aConsentChange({
        status: 'denied',
        at: T2,
        recordedAt: T2,
        by: 'call-centre',
      });
      const event = consentChanged(profile.id, optOut);

      const result = await stores.customers.recordConsent(profile.id, optOut, [event]);

      expect(result).toBe('in-force');
      expect((await stores.customers.getCustomer(profile.id))?.consent).toEqual({
        email: { status: 'denied', source: 'web-form', at: T2, by: 'call-centre' },
      });
      expect(await stores.storedEvent(event.id)).toEqual(event);
    });

    it('puts a decision as recent as the one in force in force (not older is enough)', async () => {
      const profile = aNewProfile();
      await stores.customers.createCustomer(profile, [aConsentChange({ at: T2 })], []);
      const sameTime = aConsentChange({ status: 'denied', at: T2, recordedAt: T3 });

      const result = await stores.customers.recordConsent(profile.id, sameTime, []);

      expect(result).toBe('in-force');
      expect((await stores.customers.getCustomer(profile.id))?.consent.email?.status).toBe(
        'denied',
      );
    });

    it('puts the first decision of a channel in force', async () => {
      const profile = aNewProfile();
      await stores.customers.createCustomer(profile, [aConsentChange({ channel: 'email' })], []);
      const sms = aConsentChange({ channel: 'sms', at: T1, recordedAt: T2 });

      const result = await stores.customers.recordConsent(profile.id, sms, []);

      expect(result).toBe('in-force');
      expect((await stores.customers.getCustomer(profile.id))?.consent).toEqual({
        email: { status: 'granted', source: 'web-form', at: T1, by: 'pos' },
        sms: { status: 'granted', source: 'web-form', at: T1, by: 'pos' },
      });
    });

    it('keeps an older decision in the history only, without its event', async () => {
      const profile = aNewProfile();
      const current = aConsentChange({ at: T2, recordedAt: T2 });
      await stores.customers.createCustomer(profile, [current], []);
      const late = aConsentChange({ status: 'denied', at: T1, recordedAt: T3 });
      const event = consentChanged(profile.id, late);

      const result = await stores.customers.recordConsent(profile.id, late, [event]);

      expect(result).toBe('history-only');
      expect((await stores.customers.getCustomer(profile.id))?.consent).toEqual({
        email: { status: 'granted', source: 'web-form', at: T2, by: 'pos' },
      });
      expect(await stores.customers.consentHistory(profile.id, 10)).toEqual([late, current]);
      expect(await stores.storedEvent(event.id)).toBeUndefined();
    });

    it('refuses a decision for an unknown customer, writing no history and no event', async () => {
      const customerId = unique('nobody');
      const change = aConsentChange();
      const event = consentChanged(customerId, change);

      const attempt = stores.customers.recordConsent(customerId, change, [event]);

      await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
      expect(await stores.customers.consentHistory(customerId, 10)).toEqual([]);
      expect(await stores.storedEvent(event.id)).toBeUndefined();
    });

    it('answers the consent history newest first by when it was recorded, up to the limit', async () => {
      const profile = aNewProfile();
      const first = aConsentChange({ recordedAt: T1 });
      await stores.customers.createCustomer(profile, [first], []);
      const second = aConsentChange({ status: 'denied', at: T2, recordedAt: T2 });
      const third = aConsentChange({ at: T1, recordedAt: T3 });
      await stores.customers.recordConsent(profile.id, second, []);
      await stores.customers.recordConsent(profile.id, third, []);

      expect(await stores.customers.consentHistory(profile.id, 2)).toEqual([third, second]);
    });
  });

  describe('interactions', () => {
    async function aStoredCustomer(): Promise<string> {
      const profile = aNewProfile();
      await stores.customers.createCustomer(profile, [], []);
      return profile.id;
    }

    it('records an interaction with its event, on a timeline read newest first', async () => {
      const customerId = await aStoredCustomer();
      const earlier = anInteraction({ id: unique('visit'), customerId });
      const later = anInteraction({
        id: unique('visit'),
        customerId,
        occurredAt: '2026-11-23T21:00:00.000Z',
      });

      const first = await stores.interactions.recordInteraction(earlier, 'hash-1', [
        interactionRecorded(earlier),
      ]);
      await stores.interactions.recordInteraction(later, 'hash-2', [interactionRecorded(later)]);

      expect(first).toEqual({ outcome: 'recorded' });
      expect(await stores.interactions.timeline(customerId, 10)).toEqual({
        interactions: [later, earlier],
        messages: [],
      });
      expect(await stores.storedEvent(`interaction.recorded:${earlier.id}`)).toEqual(
        interactionRecorded(earlier),
      );
    });

    it('answers a duplicate id with the stored interaction and request hash, writing nothing', async () => {
      const customerId = await aStoredCustomer();
      const original = anInteraction({ id: unique('visit'), customerId });
      await stores.interactions.recordInteraction(original, 'hash-original', [
        interactionRecorded(original),
      ]);
      const other: Interaction = { ...original, type: 'purchase', recordedAt: T3 };
      const event = { ...interactionRecorded(other), id: unique('second-recording') };

      const result = await stores.interactions.recordInteraction(other, 'hash-other', [event]);

      expect(result).toEqual({
        outcome: 'duplicate',
        existing: { interaction: original, requestHash: 'hash-original' },
      });
      expect((await stores.interactions.timeline(customerId, 10)).interactions).toEqual([original]);
      expect(await stores.storedEvent(event.id)).toBeUndefined();
    });

    it('refuses an interaction for an unknown customer without taking its id', async () => {
      const id = unique('visit');
      const orphan = anInteraction({ id, customerId: unique('nobody') });

      const attempt = stores.interactions.recordInteraction(orphan, 'hash', [
        interactionRecorded(orphan),
      ]);

      await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
      expect(await stores.storedEvent(`interaction.recorded:${id}`)).toBeUndefined();
      const customerId = await aStoredCustomer();
      expect(
        await stores.interactions.recordInteraction(anInteraction({ id, customerId }), 'hash', []),
      ).toEqual({ outcome: 'recorded' });
    });
  });

  describe('schedules', () => {
    it('creates a schedule once: a second create answers exists and writes nothing', async () => {
      const schedule = aSchedule();
      const scheduled: DomainEvent = {
        id: `action.scheduled:${schedule.scheduleId}`,
        type: 'action.scheduled',
        occurredAt: schedule.createdAt,
        data: {
          customerId: schedule.customerId,
          scheduleId: schedule.scheduleId,
          automationId: schedule.automationId,
          dueAt: schedule.due.instant,
        },
      };
      const replay = { ...scheduled, id: unique('second-scheduling') };

      const first = await stores.schedules.createSchedule(schedule, { events: [scheduled] });
      const second = await stores.schedules.createSchedule(
        { ...schedule, attempts: 5 },
        { message: aMessage(schedule), events: [replay] },
      );
      const bare = await stores.schedules.createSchedule(schedule, { events: [] });

      expect([first, second, bare]).toEqual(['created', 'exists', 'exists']);
      expect(await stores.schedules.getSchedule(schedule.scheduleId)).toEqual(schedule);
      expect(await stores.storedEvent(scheduled.id)).toEqual(scheduled);
      expect(await stores.storedEvent(replay.id)).toBeUndefined();
      expect((await stores.interactions.timeline(schedule.customerId, 10)).messages).toEqual([]);
    });

    it("writes a late schedule's message record with it, on the customer's timeline", async () => {
      const expired = aSchedule({ status: 'expired', reason: 'due-time-passed' });
      const message = aMessage(expired, { status: 'expired', reason: 'due-time-passed' });

      await stores.schedules.createSchedule(expired, { message, events: [] });

      expect(await stores.schedules.getSchedule(expired.scheduleId)).toEqual(expired);
      expect((await stores.interactions.timeline(expired.customerId, 10)).messages).toEqual([
        message,
      ]);
    });

    it('claims only a pending schedule, for one attempt, under a lease', async () => {
      const schedule = aSchedule();
      await stores.schedules.createSchedule(schedule, { events: [] });
      const claim = { scheduleId: schedule.scheduleId, now: NOW, leaseMs: LEASE_MS };

      const claimed = await stores.schedules.claimSchedule({ ...claim, claimId: 'claim-1' });
      const again = await stores.schedules.claimSchedule({ ...claim, claimId: 'claim-2' });
      const unknown = await stores.schedules.claimSchedule({
        ...claim,
        scheduleId: unique('nothing'),
        claimId: 'claim-3',
      });

      const expected = {
        ...schedule,
        status: 'dispatching',
        claimId: 'claim-1',
        claimedUntil: '2026-11-24T15:01:01.000Z',
        attempts: 1,
        updatedAt: NOW.toISOString(),
      };
      expect(claimed).toEqual(expected);
      expect(again).toBeUndefined();
      expect(unknown).toBeUndefined();
      expect(await stores.schedules.getSchedule(schedule.scheduleId)).toEqual(expected);
      expect(await stores.schedules.getSchedule(unique('nothing'))).toBeUndefined();
    });

    it('completes a pending schedule once, with its message record and events', async () => {
      const schedule = aSchedule();
      await stores.schedules.createSchedule(schedule, { events: [] });
      const message = aMessage(schedule, { status: 'suppressed', reason: 'no-consent' });
      const request = {
        schedule,
        status: 'suppressed',
        reason: 'no-consent',
        message,
        now: NOW,
        from: { status: 'pending' },
      } as const;
      const event = outcome(schedule);
      const late = outcome(schedule, unique('second-outcome'));

      const done = await stores.schedules.completeSchedule({ ...request, events: [event] });
      const again = await stores.schedules.completeSchedule({
        ...request,
        status: 'sent',
        events: [late],
      });

      expect([done, again]).toEqual([true, false]);
      expect(await stores.schedules.getSchedule(schedule.scheduleId)).toEqual({
        ...schedule,
        status: 'suppressed',
        reason: 'no-consent',
        messageId: schedule.scheduleId,
        updatedAt: NOW.toISOString(),
      });
      expect((await stores.interactions.timeline(schedule.customerId, 10)).messages).toEqual([
        message,
      ]);
      expect(await stores.storedEvent(event.id)).toEqual(event);
      expect(await stores.storedEvent(late.id)).toBeUndefined();
    });

    it('completes a claimed schedule only for the holder of the claim', async () => {
      const schedule = aSchedule();
      await stores.schedules.createSchedule(schedule, { events: [] });
      const claimed = await stores.schedules.claimSchedule({
        scheduleId: schedule.scheduleId,
        now: NOW,
        leaseMs: LEASE_MS,
        claimId: 'holder',
      });
      const message = aMessage(schedule);
      const request = { schedule, status: 'sent', message, now: NOW } as const;
      const intruder = outcome(schedule, unique('intruder'));
      const direct = outcome(schedule, unique('direct'));
      const event = outcome(schedule);

      const byOther = await stores.schedules.completeSchedule({
        ...request,
        from: { claimId: 'someone-else' },
        events: [intruder],
      });
      const asPending = await stores.schedules.completeSchedule({
        ...request,
        from: { status: 'pending' },
        events: [direct],
      });
      const byHolder = await stores.schedules.completeSchedule({
        ...request,
        reason: 'sent by the holder',
        from: { claimId: 'holder' },
        events: [event],
      });

      expect([byOther, asPending, byHolder]).toEqual([false, false, true]);
      const { claimId: _claim, claimedUntil: _until, ...unclaimed } = claimed ?? schedule;
      expect(await stores.schedules.getSchedule(schedule.scheduleId)).toEqual({
        ...unclaimed,
        status: 'sent',
        reason: 'sent by the holder',
        messageId: schedule.scheduleId,
        attempts: 1,
      });
      expect(await stores.storedEvent(intruder.id)).toBeUndefined();
      expect(await stores.storedEvent(direct.id)).toBeUndefined();
      expect(await stores.storedEvent(event.id)).toEqual(event);
    });

    it('completes a schedule without a reason as one that has no reason, not a null one', async () => {
      const schedule = aSchedule();
      await stores.schedules.createSchedule(schedule, { events: [] });

      await stores.schedules.completeSchedule({
        schedule,
        status: 'sent',
        message: aMessage(schedule),
        events: [],
        now: NOW,
        from: { status: 'pending' },
      });

      // ScheduledAction.reason is `string | undefined`: a stored null would break that promise.
      expect(await stores.schedules.getSchedule(schedule.scheduleId)).toStrictEqual({
        ...schedule,
        status: 'sent',
        messageId: schedule.scheduleId,
        updatedAt: NOW.toISOString(),
      });
    });

    it('releases a claim for its holder only, counting the attempt or giving it back', async () => {
      const schedule = aSchedule();
      await stores.schedules.createSchedule(schedule, { events: [] });
      const claim = { scheduleId: schedule.scheduleId, now: NOW, leaseMs: LEASE_MS };
      const release = { scheduleId: schedule.scheduleId, now: NOW, error: 'delivery-error: busy' };
      const first = await stores.schedules.claimSchedule({ ...claim, claimId: 'first' });

      await stores.schedules.releaseSchedule({ ...release, claimId: 'other', countAttempt: true });
      const afterForeignRelease = await stores.schedules.getSchedule(schedule.scheduleId);
      await stores.schedules.releaseSchedule({ ...release, claimId: 'first', countAttempt: true });
      const afterCounted = await stores.schedules.getSchedule(schedule.scheduleId);
      await stores.schedules.claimSchedule({ ...claim, claimId: 'second' });
      await stores.schedules.releaseSchedule({
        ...release,
        claimId: 'second',
        countAttempt: false,
      });
      const afterThrottled = await stores.schedules.getSchedule(schedule.scheduleId);

      expect(afterForeignRelease).toEqual(first);
      const released = {
        ...schedule,
        status: 'pending',
        lastError: 'delivery-error: busy',
        updatedAt: NOW.toISOString(),
      };
      expect(afterCounted).toEqual({ ...released, attempts: 1 });
      expect(afterThrottled).toEqual({ ...released, attempts: 1 });
    });

    it('lists pending and claimed schedules due before a time, oldest first, up to the limit', async () => {
      // Due in 2001, before every other scenario's schedules, so the list is this scenario's own.
      const due = (instant: string) => ({ instant, localDateTime: instant, timeZone: 'UTC' });
      const oldest = aSchedule({ due: due('2001-01-01T00:00:00.000Z') });
      const claimed = aSchedule({ due: due('2001-01-02T00:00:00.000Z') });
      const done = aSchedule({ due: due('2001-01-02T12:00:00.000Z') });
      const expired = aSchedule({ due: due('2001-01-01T06:00:00.000Z'), status: 'expired' });
      const later = aSchedule({ due: due('2001-01-05T00:00:00.000Z') });
      for (const schedule of [later, expired, done, claimed, oldest]) {
        await stores.schedules.createSchedule(schedule, { events: [] });
      }
      const claim = { now: NOW, leaseMs: LEASE_MS, claimId: 'c' };
      const dispatching = await stores.schedules.claimSchedule({
        ...claim,
        scheduleId: claimed.scheduleId,
      });
      await stores.schedules.completeSchedule({
        schedule: done,
        status: 'skipped',
        reason: 'automation-disabled',
        events: [],
        now: NOW,
        from: { status: 'pending' },
      });
      const before = new Date('2001-01-03T00:00:00.000Z');

      expect(await stores.schedules.listUnfinished(before, 10)).toEqual([oldest, dispatching]);
      expect(await stores.schedules.listUnfinished(before, 1)).toEqual([oldest]);
    });
  });
});
