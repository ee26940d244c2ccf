import { describe, expect, it } from 'vitest';
import { RECONCILE_GRACE_MS, reconcile } from '../../../core/dispatch/reconcile.ts';
import { fakeWorld } from '../../support/fakes/world.ts';
import { aSchedule } from './support.ts';

const NOW = '2026-11-24T16:00:00.000Z';
const due = (instant: string) => ({
  instant,
  localDateTime: instant.slice(0, 19),
  timeZone: 'UTC',
});

function setup() {
  const world = fakeWorld(NOW);
  const deps = { schedules: world.schedules, queue: world.queue, clock: world.clock.now };
  return { world, deps };
}

describe('reconcile', () => {
  it('puts an action still pending well past its due time on the queue again', async () => {
    const { world, deps } = setup();
    const overdue = aSchedule({ scheduleId: 'overdue', due: due('2026-11-24T15:00:00.000Z') });
    world.schedules.seed(overdue);

    const result = await reconcile(deps);

    expect(result).toEqual({ requeued: 1, inProgress: 0 });
    expect(world.queue.sent).toEqual([{ wake: { kind: 'run-action', scheduleId: 'overdue' } }]);
  });

  it('leaves an action that is late by less than the grace period to its own wake-up', async () => {
    const { world, deps } = setup();
    const justDue = new Date(Date.parse(NOW) - RECONCILE_GRACE_MS + 1).toISOString();
    world.schedules.seed(aSchedule({ scheduleId: 'just-due', due: due(justDue) }));

    const result = await reconcile(deps);

    expect(result).toEqual({ requeued: 0, inProgress: 0 });
    expect(world.queue.sent).toEqual([]);
  });

  it('requeues an action whose claim expired, so the dispatcher can settle it', async () => {
    const { world, deps } = setup();
    world.schedules.seed(
      aSchedule({
        scheduleId: 'abandoned',
        due: due('2026-11-24T15:00:00.000Z'),
        status: 'dispatching',
        claimId: 'dead',
        claimedUntil: '2026-11-24T15:01:00.000Z',
        attempts: 1,
      }),
    );

    const result = await reconcile(deps);

    expect(result).toEqual({ requeued: 1, inProgress: 0 });
    expect(world.queue.sent).toEqual([{ wake: { kind: 'run-action', scheduleId: 'abandoned' } }]);
  });

  it('leaves an action under a live claim alone and counts it in progress', async () => {
    const { world, deps } = setup();
    world.schedules.seed(
      aSchedule({
        scheduleId: 'held',
        due: due('2026-11-24T15:00:00.000Z'),
        status: 'dispatching',
        claimId: 'alive',
        claimedUntil: '2026-11-24T16:00:30.000Z',
        attempts: 1,
      }),
    );

    const result = await reconcile(deps);

    expect(result).toEqual({ requeued: 0, inProgress: 1 });
    expect(world.queue.sent).toEqual([]);
  });

  it('requeues the overdue actions oldest first and ignores finished ones', async () => {
    const { world, deps } = setup();
    world.schedules.seed(aSchedule({ scheduleId: 'newer', due: due('2026-11-24T15:00:00.000Z') }));
    world.schedules.seed(aSchedule({ scheduleId: 'older', due: due('2026-11-24T09:00:00.000Z') }));
    world.schedules.seed(
      aSchedule({ scheduleId: 'sent', due: due('2026-11-24T08:00:00.000Z'), status: 'sent' }),
    );

    const result = await reconcile(deps);

    expect(result).toEqual({ requeued: 2, inProgress: 0 });
    expect(world.queue.sent.map(({ wake }) => wake)).toEqual([
      { kind: 'run-action', scheduleId: 'older' },
      { kind: 'run-action', scheduleId: 'newer' },
    ]);
  });
});
