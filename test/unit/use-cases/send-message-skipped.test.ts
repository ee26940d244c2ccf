import { describe, expect, it } from 'vitest';
import { runPlannedAction } from '../../../core/dispatch/run-action.ts';
import { loadCatalog } from '../../../workflows/catalog-loader.ts';
import { aCustomer } from '../../support/builders.ts';
import { aSchedule, NOW, outboxOperations, sendSetup, wakeDeps } from './support.ts';

const GRANTED = {
  status: 'granted',
  source: 'web-form',
  at: '2026-11-01T15:00:00.000Z',
  by: 'pos',
} as const;

describe('sendMessage: messages it suppresses or fails before sending', () => {
  it('suppresses the message of an unknown or erased customer, sending nothing', async () => {
    const { world, id } = sendSetup({ customer: null });

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
    const { world, id } = sendSetup({ customer });

    const outcome = await runPlannedAction(wakeDeps(world), id);

    expect(outcome).toEqual({ status: 'suppressed', scheduleId: id, reason });
    expect(world.mailer.attempts).toEqual([]);
    expect(outboxOperations(world)).toEqual(['completeSchedule']);
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
    const { world, id } = sendSetup({ schedule });

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
    const { world, id } = sendSetup({ schedule });

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
});
