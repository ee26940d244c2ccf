import { describe, expect, it } from 'vitest';
import { runPlannedAction } from '../../../core/dispatch/run-action.ts';
import { InProgressError, NotFoundError } from '../../../core/errors.ts';
import type { ScheduledAction, ScheduleStatus } from '../../../core/schedule.ts';
import { aCustomer } from '../../support/builders.ts';
import { anAutomation, testCatalog } from '../../support/catalogs.ts';
import { fakeWorld } from '../../support/fakes/world.ts';
import { aSchedule, followUpCatalog, wakeDeps } from './support.ts';

/** Five seconds after Ana's follow-up was due. */
const NOW = '2026-11-24T15:00:05.000Z';

function setup(schedule: ScheduledAction = aSchedule()) {
  const world = fakeWorld(NOW);
  world.customers.seed(aCustomer());
  world.schedules.seed(schedule);
  return { world, schedule };
}

describe('runPlannedAction', () => {
  it('answers NotFoundError for a schedule that was never planned', async () => {
    const { world } = setup();

    const attempt = runPlannedAction(wakeDeps(world), 'never-planned');

    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each<ScheduleStatus>(['sent', 'suppressed', 'failed', 'expired', 'skipped'])(
    'leaves an action that is already %s alone',
    async (status) => {
      const { world, schedule } = setup(aSchedule({ status }));

      const outcome = await runPlannedAction(wakeDeps(world), schedule.scheduleId);

      expect(outcome).toEqual({ status: 'already-done', scheduleId: schedule.scheduleId });
      expect(world.outbox.writes).toEqual([]);
      expect(world.mailer.attempts).toEqual([]);
    },
  );

  it('refuses with InProgressError an action another attempt holds a live claim on, touching nothing', async () => {
    const held = aSchedule({
      status: 'dispatching',
      claimId: 'other-attempt',
      claimedUntil: '2026-11-24T15:00:30.000Z',
      attempts: 1,
    });
    const { world } = setup(held);

    const attempt = runPlannedAction(wakeDeps(world), held.scheduleId);

    await expect(attempt).rejects.toBeInstanceOf(InProgressError);
    expect(await world.schedules.getSchedule(held.scheduleId)).toEqual(held);
    expect(world.outbox.writes).toEqual([]);
    expect(world.mailer.attempts).toEqual([]);
  });

  it('records an action whose claim expired as failed with an unknown outcome, and never sends it again', async () => {
    const abandoned = aSchedule({
      status: 'dispatching',
      claimId: 'dead-attempt',
      claimedChannel: 'email',
      claimedUntil: '2026-11-24T15:00:04.999Z',
      attempts: 1,
    });
    const { world } = setup(abandoned);
    const id = abandoned.scheduleId;

    const outcome = await runPlannedAction(wakeDeps(world), id);

    const reason = expect.stringMatching(/^send-outcome-unknown: /);
    expect(outcome).toEqual({ status: 'failed', scheduleId: id, reason });
    expect(world.mailer.attempts).toEqual([]);
    expect(await world.schedules.getSchedule(id)).toMatchObject({ status: 'failed', reason });
    expect(world.outbox.writes).toEqual([
      {
        operation: 'completeSchedule',
        key: id,
        events: [
          {
            id: `message.failed:${id}`,
            type: 'message.failed',
            occurredAt: NOW,
            data: {
              customerId: 'ana-garcia',
              messageId: id,
              scheduleId: id,
              automationId: 'test-follow-up',
              channel: 'email',
              reason,
            },
          },
        ],
      },
    ]);
  });

  it('skips the action of a disabled automation with action.skipped, sending nothing', async () => {
    const { world, schedule } = setup();
    const id = schedule.scheduleId;

    const outcome = await runPlannedAction(
      wakeDeps(world, followUpCatalog({ enabled: false })),
      id,
    );

    expect(outcome).toEqual({ status: 'skipped', scheduleId: id, reason: 'automation-disabled' });
    expect(world.mailer.attempts).toEqual([]);
    expect(await world.schedules.getSchedule(id)).toMatchObject({
      status: 'skipped',
      reason: 'automation-disabled',
    });
    expect(world.outbox.writes).toEqual([
      {
        operation: 'completeSchedule',
        key: id,
        events: [
          {
            id: `action.skipped:${id}`,
            type: 'action.skipped',
            occurredAt: NOW,
            data: {
              customerId: 'ana-garcia',
              scheduleId: id,
              automationId: 'test-follow-up',
              reason: 'automation-disabled',
            },
          },
        ],
      },
    ]);
  });

  it('skips the action of an automation removed from the catalog since it was planned', async () => {
    const { world, schedule } = setup();
    const catalog = testCatalog([anAutomation({ id: 'another-automation' })]);

    const outcome = await runPlannedAction(wakeDeps(world, catalog), schedule.scheduleId);

    expect(outcome).toMatchObject({ status: 'skipped', reason: 'automation-disabled' });
    expect(world.mailer.attempts).toEqual([]);
  });

  it('asks isEnabled, when given, whether the automation is on at the moment it fires', async () => {
    const off = setup();
    const on = setup();
    const asked: string[] = [];

    const skipped = await runPlannedAction(
      wakeDeps(off.world, followUpCatalog(), { isEnabled: async () => false }),
      off.schedule.scheduleId,
    );
    const sent = await runPlannedAction(
      wakeDeps(on.world, followUpCatalog({ enabled: false }), {
        isEnabled: async (automationId) => {
          asked.push(automationId);
          return true;
        },
      }),
      on.schedule.scheduleId,
    );

    expect(skipped).toMatchObject({ status: 'skipped' });
    expect(sent).toMatchObject({ status: 'sent' });
    expect(asked).toEqual(['test-follow-up']);
  });
});
