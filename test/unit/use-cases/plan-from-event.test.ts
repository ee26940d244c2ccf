import { describe, expect, it, vi } from 'vitest';
import { scheduleIdFor } from '../../../core/automation/plan.ts';
import type { Catalog } from '../../../core/catalog/catalog.ts';
import type { DomainEvent } from '../../../core/events/registry.ts';
import { planFromEvent } from '../../../core/use-cases/plan-from-event.ts';
import { aCustomer, anInteraction, interactionRecorded } from '../../support/builders.ts';
import { fakeWorld } from '../../support/fakes/world.ts';
import { followUpCatalog, planDeps, VISIT_EVENT_ID } from './support.ts';

/** Ana's visit happened at 2026-11-23T20:00:00Z (15:00 in Bogotá) and is evaluated a second later. */
const NOW = '2026-11-23T20:00:01.000Z';
const SCHEDULE_ID = scheduleIdFor('test-follow-up', VISIT_EVENT_ID);
const DUE = {
  instant: '2026-11-24T15:00:00.000Z',
  localDateTime: '2026-11-24T10:00:00',
  timeZone: 'America/Bogota',
};
const WAKE = { kind: 'run-action', scheduleId: SCHEDULE_ID } as const;

function setup(catalog: Catalog = followUpCatalog(), now = NOW) {
  const world = fakeWorld(now);
  world.customers.seed(aCustomer());
  return { world, deps: planDeps(world, catalog) };
}

/** Nothing recorded, nothing armed. */
function expectNothingDone(world: ReturnType<typeof setup>['world']) {
  expect(world.outbox.writes).toEqual([]);
  expect(world.scheduler.requests).toEqual([]);
  expect(world.queue.sent).toEqual([]);
}

describe('planFromEvent', () => {
  it('ignores an event that cannot trigger automations, reading nothing', async () => {
    const { world, deps } = setup();
    const read = vi.spyOn(world.customers, 'getCustomer');
    const event: DomainEvent = {
      id: 'customer.updated:ana-garcia:1',
      type: 'customer.updated',
      occurredAt: NOW,
      data: { customerId: 'ana-garcia', changed: ['name'] },
    };

    const outcome = await planFromEvent(deps, event);

    expect(outcome).toEqual({ planned: [], skipped: 'not-a-trigger' });
    expect(read).not.toHaveBeenCalled();
    expectNothingDone(world);
  });

  it('plans nothing for a trigger no automation listens to, without reading the customer', async () => {
    const { world, deps } = setup();
    const read = vi.spyOn(world.customers, 'getCustomer');
    const event: DomainEvent = {
      id: 'customer.registered:ana-garcia',
      type: 'customer.registered',
      occurredAt: NOW,
      data: { customerId: 'ana-garcia' },
    };

    const outcome = await planFromEvent(deps, event);

    expect(outcome).toEqual({ planned: [] });
    expect(read).not.toHaveBeenCalled();
    expectNothingDone(world);
  });

  it('skips the event of an unknown customer', async () => {
    const { world, deps } = setup();
    const event = interactionRecorded(anInteraction({ customerId: 'nobody' }));

    const outcome = await planFromEvent(deps, event);

    expect(outcome).toEqual({ planned: [], skipped: 'customer-not-found' });
    expectNothingDone(world);
  });

  it("plans nothing when the automation's conditions do not hold", async () => {
    const catalog = followUpCatalog({
      conditions: [{ fact: 'interaction.type', op: 'in', value: ['purchase'] }],
    });
    const { world, deps } = setup(catalog);

    const outcome = await planFromEvent(deps, interactionRecorded());

    expect(outcome.planned).toEqual([]);
    expectNothingDone(world);
  });

  it('records an on-time action as pending, with the trigger frozen in it', async () => {
    const { world, deps } = setup();

    const outcome = await planFromEvent(deps, interactionRecorded());

    expect(outcome.planned).toEqual([expect.objectContaining({ scheduleId: SCHEDULE_ID })]);
    expect(await world.schedules.getSchedule(SCHEDULE_ID)).toEqual({
      scheduleId: SCHEDULE_ID,
      automationId: 'test-follow-up',
      category: 'service',
      customerId: 'ana-garcia',
      triggerEventId: VISIT_EVENT_ID,
      trigger: {
        event: 'interaction.recorded',
        interaction: {
          id: 'pos-2026-11-23-0001',
          type: 'visit',
          touchpoint: 'store',
          occurredAt: '2026-11-23T20:00:00.000Z',
          localDate: '23 de noviembre de 2026',
          agentName: 'Marta',
        },
      },
      action: { kind: 'send-message', channel: 'email', template: 'hello' },
      due: DUE,
      status: 'pending',
      attempts: 0,
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  it('writes action.scheduled in the same write as the schedule', async () => {
    const { world, deps } = setup();

    await planFromEvent(deps, interactionRecorded());

    expect(world.outbox.writes).toEqual([
      {
        operation: 'createSchedule',
        key: SCHEDULE_ID,
        events: [
          {
            id: `action.scheduled:${SCHEDULE_ID}`,
            type: 'action.scheduled',
            occurredAt: NOW,
            data: {
              customerId: 'ana-garcia',
              scheduleId: SCHEDULE_ID,
              automationId: 'test-follow-up',
              dueAt: DUE.instant,
            },
          },
        ],
      },
    ]);
  });

  it('arms an action due in more than 15 minutes with a one-time schedule, not the queue', async () => {
    const { world, deps } = setup();

    await planFromEvent(deps, interactionRecorded());

    expect(world.scheduler.requests).toEqual([{ name: SCHEDULE_ID, due: DUE, wake: WAKE }]);
    expect(world.queue.sent).toEqual([]);
  });

  it('arms an action due in 16 minutes with a one-time schedule', async () => {
    const { world, deps } = setup(followUpCatalog({ delay: { kind: 'after', duration: 'PT16M' } }));

    await planFromEvent(deps, interactionRecorded());

    expect(world.scheduler.requests).toEqual([
      expect.objectContaining({
        name: SCHEDULE_ID,
        due: expect.objectContaining({ instant: '2026-11-23T20:16:00.000Z' }),
      }),
    ]);
    expect(world.queue.sent).toEqual([]);
  });

  it('puts an action due within 15 minutes on the queue with its delay, not on the scheduler', async () => {
    const { world, deps } = setup(followUpCatalog({ delay: { kind: 'after', duration: 'PT10M' } }));

    await planFromEvent(deps, interactionRecorded());

    // Due at 20:10:00, a second short of ten minutes after now.
    expect(world.queue.sent).toEqual([{ wake: WAKE, delaySeconds: 599 }]);
    expect(world.scheduler.requests).toEqual([]);
  });

  it('puts an action due exactly 15 minutes ahead on the queue', async () => {
    const catalog = followUpCatalog({ delay: { kind: 'after', duration: 'PT15M' } });
    const { world, deps } = setup(catalog, '2026-11-23T20:00:00.000Z');

    await planFromEvent(deps, interactionRecorded());

    expect(world.queue.sent).toEqual([{ wake: WAKE, delaySeconds: 900 }]);
    expect(world.scheduler.requests).toEqual([]);
  });

  it('puts an action without delay on the queue at once', async () => {
    const { world, deps } = setup(followUpCatalog({ delay: { kind: 'none' } }));

    await planFromEvent(deps, interactionRecorded());

    expect(world.queue.sent).toEqual([{ wake: WAKE, delaySeconds: 0 }]);
    expect(await world.schedules.getSchedule(SCHEDULE_ID)).toMatchObject({ status: 'pending' });
  });

  it('records a late action as expired with a message record on the timeline, no event, and arms nothing', async () => {
    const { world, deps } = setup(followUpCatalog(), '2026-11-25T00:00:00.000Z');
    const reason =
      'due-time-passed: due 2026-11-24T15:00:00.000Z, but the event was evaluated at 2026-11-25T00:00:00.000Z';

    const outcome = await planFromEvent(deps, interactionRecorded());

    expect(outcome.planned).toEqual([expect.objectContaining({ timing: 'expired' })]);
    expect(await world.schedules.getSchedule(SCHEDULE_ID)).toMatchObject({
      status: 'expired',
      reason,
    });
    expect((await world.interactions.timeline('ana-garcia', 10)).messages).toEqual([
      {
        messageId: SCHEDULE_ID,
        customerId: 'ana-garcia',
        scheduleId: SCHEDULE_ID,
        automationId: 'test-follow-up',
        category: 'service',
        channel: 'email',
        status: 'expired',
        reason,
        template: 'hello',
        createdAt: '2026-11-25T00:00:00.000Z',
      },
    ]);
    expect(world.outbox.writes).toEqual([
      { operation: 'createSchedule', key: SCHEDULE_ID, events: [] },
    ]);
    expect(world.scheduler.requests).toEqual([]);
    expect(world.queue.sent).toEqual([]);
  });

  it('arms a replayed event again without a second schedule or event', async () => {
    const { world, deps } = setup();
    await planFromEvent(deps, interactionRecorded());
    const [firstWrite] = world.outbox.writes;

    const replay = await planFromEvent(deps, interactionRecorded());

    expect(replay.planned).toEqual([expect.objectContaining({ scheduleId: SCHEDULE_ID })]);
    expect(world.outbox.writes).toEqual([firstWrite]);
    expect(world.scheduler.requests).toEqual([
      { name: SCHEDULE_ID, due: DUE, wake: WAKE },
      { name: SCHEDULE_ID, due: DUE, wake: WAKE },
    ]);
    expect([...world.scheduler.schedules.keys()]).toEqual([SCHEDULE_ID]);
  });

  it('arms a pending action found on a retry after its due time on the queue at once, writing nothing', async () => {
    const { world, deps } = setup();
    await planFromEvent(deps, interactionRecorded());
    const [firstWrite] = world.outbox.writes;
    // The schedule was lost (the first attempt died before arming it, or it never fired).
    await world.scheduler.cancel(SCHEDULE_ID);
    world.clock.set('2026-11-24T16:00:00.000Z');

    await planFromEvent(deps, interactionRecorded());

    expect(world.queue.sent).toEqual([{ wake: WAKE, delaySeconds: 0 }]);
    expect(world.scheduler.schedules.size).toBe(0);
    expect(await world.schedules.getSchedule(SCHEDULE_ID)).toMatchObject({ status: 'pending' });
    expect(world.outbox.writes).toEqual([firstWrite]);
    expect((await world.interactions.timeline('ana-garcia', 10)).messages).toEqual([]);
  });

  it('does not arm a replayed action that has already finished', async () => {
    const { world, deps } = setup();
    await planFromEvent(deps, interactionRecorded());
    const schedule = await world.schedules.getSchedule(SCHEDULE_ID);
    if (!schedule) throw new Error('the first run recorded no schedule');
    await world.schedules.completeSchedule({
      schedule,
      status: 'suppressed',
      reason: 'no-consent',
      events: [],
      now: new Date(NOW),
      from: { status: 'pending' },
    });

    await planFromEvent(deps, interactionRecorded());

    expect(world.scheduler.requests).toEqual([{ name: SCHEDULE_ID, due: DUE, wake: WAKE }]);
    expect(world.queue.sent).toEqual([]);
  });

  it("uses the deployment's default zone for a customer without one", async () => {
    const world = fakeWorld(NOW);
    const { timeZone: _zone, ...zoneless } = aCustomer();
    world.customers.seed(zoneless);
    const deps = { ...planDeps(world), defaultTimeZone: 'Europe/Madrid' };

    await planFromEvent(deps, interactionRecorded());

    expect((await world.schedules.getSchedule(SCHEDULE_ID))?.due).toEqual({
      instant: '2026-11-24T09:00:00.000Z',
      localDateTime: '2026-11-24T10:00:00',
      timeZone: 'Europe/Madrid',
    });
  });
});
