import { describe, expect, it, vi } from 'vitest';
import type { Customer } from '../../../core/customer/customer-view.ts';
import { runPlannedAction } from '../../../core/dispatch/run-action.ts';
import { PermanentDeliveryError, ThrottledError } from '../../../core/errors.ts';
import type { ScheduledAction } from '../../../core/schedule.ts';
import { planFromEvent } from '../../../core/use-cases/plan-from-event.ts';
import { loadCatalog } from '../../../workflows/catalog-loader.ts';
import { aCustomer, interactionRecorded } from '../../support/builders.ts';
import { fakeWorld } from '../../support/fakes/world.ts';
import { aSchedule, MAX_ATTEMPTS, planDeps, wakeDeps } from './support.ts';

/** Five seconds after Ana's follow-up was due. */
const NOW = '2026-11-24T15:00:05.000Z';
const GRANTED = {
  status: 'granted',
  source: 'web-form',
  at: '2026-11-01T15:00:00.000Z',
  by: 'pos',
} as const;

function setup(options: { customer?: Customer | null; schedule?: ScheduledAction } = {}) {
  const world = fakeWorld(NOW);
  if (options.customer !== null) world.customers.seed(options.customer ?? aCustomer());
  const schedule = options.schedule ?? aSchedule();
  world.schedules.seed(schedule);
  return { world, schedule, id: schedule.scheduleId };
}

const operations = (world: ReturnType<typeof setup>['world']) =>
  world.outbox.writes.map((write) => write.operation);

describe('sendMessage', () => {
  it('suppresses the message of an unknown or erased customer, sending nothing', async () => {
    const { world, id } = setup({ customer: null });

    const outcome = await runPlannedAction(wakeDeps(world), id);

    expect(outcome).toEqual({ status: 'suppressed', scheduleId: id, reason: 'customer-not-found' });
    expect(world.mailer.attempts).toEqual([]);
    expect(await world.schedules.getSchedule(id)).toMatchObject({
      status: 'suppressed',
      attempts: 0,
    });
    expect(world.outbox.writes).toEqual([
      {
        operation: 'completeSchedule',
        key: id,
        events: [
          {
            id: `message.suppressed:${id}`,
            type: 'message.suppressed',
            occurredAt: NOW,
            data: {
              customerId: 'ana-garcia',
              messageId: id,
              scheduleId: id,
              automationId: 'test-follow-up',
              reason: 'customer-not-found',
            },
          },
        ],
      },
    ]);
  });

  it.each([
    ['no-consent', aCustomer({ consent: {} })],
    ['consent-denied', aCustomer({ consent: { email: { ...GRANTED, status: 'denied' } } })],
    ['no-address', aCustomer({ contact: { phone: '+573001234567' } })],
  ])('suppresses the message with the reason %s, sending nothing', async (reason, customer) => {
    const { world, id } = setup({ customer });

    const outcome = await runPlannedAction(wakeDeps(world), id);

    expect(outcome).toEqual({ status: 'suppressed', scheduleId: id, reason });
    expect(world.mailer.attempts).toEqual([]);
    expect(operations(world)).toEqual(['completeSchedule']);
    expect(world.outbox.events).toEqual([
      expect.objectContaining({
        type: 'message.suppressed',
        data: expect.objectContaining({ reason }),
      }),
    ]);
    expect((await world.interactions.timeline('ana-garcia', 10)).messages).toEqual([
      expect.objectContaining({ messageId: id, status: 'suppressed', reason }),
    ]);
  });

  it('fails the message whose template no longer exists, sending nothing', async () => {
    const schedule = aSchedule({
      action: { kind: 'send-message', channel: 'email', template: 'retired' },
    });
    const { world, id } = setup({ schedule });

    const outcome = await runPlannedAction(wakeDeps(world), id);

    expect(outcome).toEqual({
      status: 'failed',
      scheduleId: id,
      reason: 'template-missing: retired',
    });
    expect(world.mailer.attempts).toEqual([]);
    expect(await world.schedules.getSchedule(id)).toMatchObject({ status: 'failed', attempts: 0 });
    expect(world.outbox.events).toEqual([
      expect.objectContaining({
        type: 'message.failed',
        data: expect.objectContaining({ reason: 'template-missing: retired' }),
      }),
    ]);
  });

  it('fails the message whose template cannot render for this action, sending nothing', async () => {
    // Planned before the template started reading the trigger: its frozen trigger lacks it.
    const schedule = aSchedule({
      automationId: 'next-day-follow-up',
      action: { kind: 'send-message', channel: 'email', template: 'next-day-follow-up' },
      trigger: {},
    });
    const { world, id } = setup({ schedule });

    const outcome = await runPlannedAction(wakeDeps(world, loadCatalog()), id);

    const reason = expect.stringMatching(
      /^template-error: undefined variable: trigger\.interaction/,
    );
    expect(outcome).toEqual({ status: 'failed', scheduleId: id, reason });
    expect(world.mailer.attempts).toEqual([]);
    expect(await world.schedules.getSchedule(id)).toMatchObject({ status: 'failed', reason });
    expect(world.outbox.events).toEqual([
      expect.objectContaining({
        type: 'message.failed',
        data: expect.objectContaining({ reason }),
      }),
    ]);
  });

  it('sends the rendered message from the sender to the customer, tagged with the automation and schedule', async () => {
    const { world, id } = setup();

    const outcome = await runPlannedAction(wakeDeps(world), id);

    expect(outcome).toEqual({ status: 'sent', scheduleId: id });
    expect(world.mailer.attempts).toEqual([
      {
        channel: 'email',
        messageId: id,
        customerId: 'ana-garcia',
        category: 'service',
        to: 'ana@example.com',
        subject: 'Hello Ana',
        text: 'Hi Ana.',
        tags: { automation: 'test-follow-up', schedule: id },
      },
    ]);
  });

  it('records a sent message on the timeline with message.sent, in the write that completes the claim', async () => {
    const { world, schedule, id } = setup();

    await runPlannedAction(wakeDeps(world), id);

    expect(await world.schedules.getSchedule(id)).toEqual({
      ...schedule,
      status: 'sent',
      attempts: 1,
      messageId: id,
      updatedAt: NOW,
    });
    expect((await world.interactions.timeline('ana-garcia', 10)).messages).toEqual([
      {
        messageId: id,
        customerId: 'ana-garcia',
        scheduleId: id,
        automationId: 'test-follow-up',
        category: 'service',
        channel: 'email',
        status: 'sent',
        to: 'ana@example.com',
        template: 'hello',
        locale: 'en',
        subject: 'Hello Ana',
        providerMessageId: 'provider-1',
        createdAt: NOW,
      },
    ]);
    expect(world.outbox.writes).toEqual([
      { operation: 'claimSchedule', key: id, events: [] },
      {
        operation: 'completeSchedule',
        key: id,
        events: [
          {
            id: `message.sent:${id}`,
            type: 'message.sent',
            occurredAt: NOW,
            data: {
              customerId: 'ana-garcia',
              messageId: id,
              scheduleId: id,
              automationId: 'test-follow-up',
              channel: 'email',
            },
          },
        ],
      },
    ]);
  });

  it("sends the shipped follow-up in the customer's language, signed by their rep", async () => {
    const world = fakeWorld('2026-11-23T20:00:01.000Z');
    world.customers.seed(aCustomer());
    const catalog = loadCatalog();
    const { planned } = await planFromEvent(planDeps(world, catalog), interactionRecorded());
    world.clock.set(NOW);

    await runPlannedAction(wakeDeps(world, catalog), planned[0]?.scheduleId ?? '');

    expect(world.mailer.delivered).toEqual([
      {
        message: expect.objectContaining({
          subject: 'Ana, ¿cómo le fue?',
          text: expect.stringMatching(
            /Gracias por su visita del 23 de noviembre de 2026\.[\s\S]*Luis Pérez\nRapport/,
          ),
          html: expect.stringContaining('<p>Hola Ana:</p>'),
        }),
        providerMessageId: 'provider-1',
      },
    ]);
  });

  it('fails a message the provider refuses for good at once, without a retry', async () => {
    const { world, id } = setup();
    world.mailer.willRespond(new PermanentDeliveryError('address rejected'));

    const outcome = await runPlannedAction(wakeDeps(world), id);

    const reason = 'delivery-error: address rejected';
    expect(outcome).toEqual({ status: 'failed', scheduleId: id, reason });
    expect(await world.schedules.getSchedule(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      reason,
    });
    expect(operations(world)).toEqual(['claimSchedule', 'completeSchedule']);
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
    const { world, schedule, id } = setup();
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
    expect(operations(world)).toEqual(['claimSchedule', 'releaseSchedule']);
    expect(world.outbox.events).toEqual([]);
  });

  it('retries a transient failure until the last attempt, then records it failed', async () => {
    const { world, id } = setup();
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
    const { world, schedule, id } = setup();
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
    const { world, id } = setup({ schedule: aSchedule({ attempts: MAX_ATTEMPTS - 1 }) });
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
    const { world, id } = setup();
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
