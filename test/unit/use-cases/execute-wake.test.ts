import { describe, expect, it } from 'vitest';
import { executeWake } from '../../../core/dispatch/execute-wake.ts';
import { aCustomer } from '../../support/builders.ts';
import { fakeWorld } from '../../support/fakes/world.ts';
import { aSchedule, wakeDeps } from './support.ts';

function setup(now = '2026-11-24T15:00:05.000Z') {
  const world = fakeWorld(now);
  world.customers.seed(aCustomer());
  return { world, deps: wakeDeps(world) };
}

describe('executeWake', () => {
  it('runs a planned action and answers its outcome', async () => {
    const { world, deps } = setup();
    const schedule = aSchedule();
    world.schedules.seed(schedule);

    const outcome = await executeWake(deps, {
      kind: 'run-action',
      scheduleId: schedule.scheduleId,
    });

    expect(outcome).toEqual({
      kind: 'run-action',
      status: 'sent',
      scheduleId: schedule.scheduleId,
    });
    expect(world.mailer.delivered).toEqual([
      expect.objectContaining({ message: expect.objectContaining({ to: 'ana@example.com' }) }),
    ]);
  });

  it('hands its output to the workflow waiting under the reference', async () => {
    const { world, deps } = setup();
    world.workflows.wait('case-42');

    const outcome = await executeWake(deps, {
      kind: 'resume-workflow',
      ref: 'case-42',
      output: { answered: true, score: 9 },
    });

    expect(outcome).toEqual({ kind: 'resume-workflow', ref: 'case-42', status: 'resumed' });
    expect(world.workflows.resumed.get('case-42')).toEqual({ answered: true, score: 9 });
  });

  it('answers not-waiting when no workflow waits under the reference', async () => {
    const { world, deps } = setup();

    const outcome = await executeWake(deps, { kind: 'resume-workflow', ref: 'case-7', output: {} });

    expect(outcome).toEqual({ kind: 'resume-workflow', ref: 'case-7', status: 'not-waiting' });
    expect(world.workflows.resumed.has('case-7')).toBe(false);
  });

  it('runs the reconcile job and answers what it did', async () => {
    const { world, deps } = setup('2026-11-24T16:00:00.000Z');
    world.schedules.seed(aSchedule({ scheduleId: 'overdue' }));

    const outcome = await executeWake(deps, { kind: 'run-job', job: 'reconcile' });

    expect(outcome).toEqual({
      kind: 'run-job',
      job: 'reconcile',
      result: { requeued: 1, inProgress: 0 },
    });
    expect(world.queue.sent).toEqual([{ wake: { kind: 'run-action', scheduleId: 'overdue' } }]);
  });
});
