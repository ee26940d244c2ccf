import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../core/events/registry.ts';
import {
  aMessage,
  aSchedule,
  describeStoreContract,
  LEASE_MS,
  NOW,
  outcome,
  unique,
} from './support.ts';

describeStoreContract((stores) => {
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
