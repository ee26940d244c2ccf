import { describe, expect, it, vi } from 'vitest';
import { runPlannedAction } from '../../../core/dispatch/run-action.ts';
import { PermanentDeliveryError, ThrottledError } from '../../../core/errors.ts';
import { aSchedule, MAX_ATTEMPTS, NOW, outboxOperations, sendSetup, wakeDeps } from './support.ts';

describe('sendMessage: provider failures, retries and rival attempts', () => {
  it('fails a message the provider refuses for good at once, without a retry', async () => {
    const { world, id } = sendSetup();
    world.mailer.willRespond(new PermanentDeliveryError('address rejected'));

    const outcome = await runPlannedAction(wakeDeps(world), id);

    const reason = 'delivery-error: address rejected';
    expect(outcome).toEqual({ status: 'failed', scheduleId: id, reason });
    expect(await world.schedules.getSchedule(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      reason,
    });
    expect(outboxOperations(world)).toEqual(['claimSchedule', 'completeSchedule']);
    expect((await world.interactions.timeline('ana-garcia', 10)).messages).toEqual([
      expect.objectContaining({
        status: 'failed',
        reason,
        to: 'ana@example.com',
        subject: 'Hello Ana',
        template: 'hello',
        locale: 'en',
      }),
    ]);
    expect(world.outbox.events).toEqual([expect.objectContaining({ type: 'message.failed' })]);
  });

  it('gives a transient failure back for a retry, counting the attempt, and rethrows it', async () => {
    const { world, schedule, id } = sendSetup();
    const failure = new Error('connection reset');
    world.mailer.willRespond(failure);

    const attempt = runPlannedAction(wakeDeps(world), id);

    await expect(attempt).rejects.toBe(failure);
    expect(await world.schedules.getSchedule(id)).toEqual({
      ...schedule,
      status: 'pending',
      attempts: 1,
      lastError: 'delivery-error: connection reset',
      updatedAt: NOW,
    });
    expect(outboxOperations(world)).toEqual(['claimSchedule', 'releaseSchedule']);
    expect(world.outbox.events).toEqual([]);
  });

  it('retries a transient failure until the last attempt, then records it failed', async () => {
    const { world, id } = sendSetup();
    const timeouts = Array.from({ length: MAX_ATTEMPTS }, () => new Error('timeout'));
    world.mailer.willRespond(...timeouts, 'succeed');
    const deps = wakeDeps(world);

    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
      await expect(runPlannedAction(deps, id)).rejects.toThrow('timeout');
      expect(await world.schedules.getSchedule(id)).toMatchObject({
        status: 'pending',
        attempts: attempt,
      });
    }
    const last = await runPlannedAction(deps, id);

    expect(last).toEqual({ status: 'failed', scheduleId: id, reason: 'delivery-error: timeout' });
    expect(await world.schedules.getSchedule(id)).toMatchObject({
      status: 'failed',
      attempts: MAX_ATTEMPTS,
    });
    expect(world.mailer.attempts).toHaveLength(MAX_ATTEMPTS);
    expect(world.mailer.delivered).toEqual([]);
    expect(world.outbox.events).toEqual([expect.objectContaining({ type: 'message.failed' })]);
  });

  it('gives a throttled send back without counting the attempt, and rethrows it', async () => {
    const { world, schedule, id } = sendSetup();
    const throttled = new ThrottledError('slow down');
    world.mailer.willRespond(throttled);

    await expect(runPlannedAction(wakeDeps(world), id)).rejects.toBe(throttled);

    expect(await world.schedules.getSchedule(id)).toEqual({
      ...schedule,
      status: 'pending',
      attempts: 0,
      lastError: 'delivery-error: slow down',
      updatedAt: NOW,
    });
    expect(world.outbox.events).toEqual([]);
  });

  it('does not fail a throttled send on the last attempt: throttling never spends the budget', async () => {
    const { world, id } = sendSetup({ schedule: aSchedule({ attempts: MAX_ATTEMPTS - 1 }) });
    world.mailer.willRespond(new ThrottledError('slow down'), new ThrottledError('slow down'));
    const deps = wakeDeps(world);

    await expect(runPlannedAction(deps, id)).rejects.toBeInstanceOf(ThrottledError);
    await expect(runPlannedAction(deps, id)).rejects.toBeInstanceOf(ThrottledError);
    const sent = await runPlannedAction(deps, id);

    expect(sent).toEqual({ status: 'sent', scheduleId: id });
    expect(await world.schedules.getSchedule(id)).toMatchObject({
      status: 'sent',
      attempts: MAX_ATTEMPTS,
    });
  });

  it('sends nothing when another attempt claims the action first', async () => {
    const { world, id } = sendSetup();
    const stale = await world.schedules.getSchedule(id);
    await world.schedules.claimSchedule({
      scheduleId: id,
      now: new Date(NOW),
      leaseMs: 60_000,
      claimId: 'rival',
    });
    vi.spyOn(world.schedules, 'getSchedule').mockResolvedValueOnce(stale);

    const outcome = await runPlannedAction(wakeDeps(world), id);

    expect(outcome).toEqual({ status: 'already-done', scheduleId: id });
    expect(world.mailer.attempts).toEqual([]);
    expect(await world.schedules.getSchedule(id)).toMatchObject({
      status: 'dispatching',
      claimId: 'rival',
    });
  });
});
