import { SESv2Client } from '@aws-sdk/client-sesv2';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Customer } from '../../core/customer/customer.ts';
import { PermanentDeliveryError } from '../../core/errors.ts';
import type { Mailer } from '../../core/ports.ts';
import type { ScheduledAction } from '../../core/schedule.ts';
import { SesMailer } from '../../functions/adapters/ses/ses-mailer.ts';
import { createDispatcherHandler } from '../../functions/dispatcher/app.ts';
import { dynamoStores } from '../../functions/shared/aws-deps.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { lambdaContext } from '../../local/lambda-context.ts';
import { LocalEventBus } from '../../local/local-bus.ts';
import { loadCatalog } from '../../workflows/catalog-loader.ts';
import { aCustomer } from '../support/builders.ts';
import { freshTable, sentEmails, uniqueAddress } from '../support/services.ts';

const now = new Date('2026-11-24T15:00:00Z');
const sesUrl = inject('sesUrl');
let stores: ReturnType<typeof dynamoStores>;
let bus: LocalEventBus;

beforeAll(async () => {
  const { db, tableName } = await freshTable('dispatch');
  stores = dynamoStores(tableName, db);
  bus = new LocalEventBus(() => now);
});

function dispatcherHandler(mailer: Mailer) {
  return createDispatcherHandler({
    ...stores,
    catalog: loadCatalog(),
    mailer,
    bus,
    clock: () => now,
    sender: { address: 'rapport@example.com', name: 'Rapport' },
    maxAttempts: 3,
    leaseMs: 60_000,
  });
}

function dispatcherWith(mailer: Mailer) {
  const handler = dispatcherHandler(mailer);
  return (scheduleId: string) => handler({ scheduleId }, lambdaContext('dispatcher-test'));
}

const sesMailer = () => new SesMailer(new SESv2Client({ ...LOCAL_AWS, endpoint: sesUrl }));

/** A customer and one due follow-up for them, as the engine would have left it. */
async function dueFollowUp(
  name: string,
  customer: Partial<Customer> = {},
): Promise<{ id: string; email: string }> {
  const email = uniqueAddress(name);
  await stores.customers.createCustomer(
    aCustomer({ id: name, externalIds: {}, contact: { email }, ...customer }),
  );
  const schedule: ScheduledAction = {
    scheduleId: `sched-${name}`,
    automationId: 'next-day-follow-up',
    category: 'service',
    customerId: name,
    triggerEventId: `evt-${name}`,
    trigger: {
      event: 'interaction.recorded',
      interaction: { type: 'purchase', localDate: '23 de noviembre de 2026' },
    },
    action: { kind: 'send-message', channel: 'email', template: 'next-day-follow-up' },
    due: {
      instant: now.toISOString(),
      localDateTime: '2026-11-24T10:00:00',
      timeZone: 'America/Bogota',
    },
    status: 'pending',
    attempts: 0,
    createdAt: '2026-11-23T20:00:00.000Z',
    updatedAt: '2026-11-23T20:00:00.000Z',
  };
  await stores.schedules.createSchedule(schedule);
  return { id: schedule.scheduleId, email };
}

const failingMailer = (error: Error): Mailer & { calls: number } => {
  const mailer = {
    calls: 0,
    send: async () => {
      mailer.calls++;
      throw error;
    },
  };
  return mailer;
};

describe('dispatcher on DynamoDB Local and the local SES', () => {
  it('renders in the customer language, sends through SES v2 and records the message', async () => {
    const { id, email } = await dueFollowUp('sent-once');

    const outcome = await dispatcherWith(sesMailer())(id);

    const [mail] = await sentEmails(sesUrl, email);
    expect(outcome).toMatchObject({
      status: 'sent',
      message: { to: email, locale: 'es', template: 'next-day-follow-up' },
    });
    expect(mail?.subject).toBe('Ana, ¿cómo le fue?');
    expect(mail?.body.html).toContain('<p>Gracias por su compra del 23 de noviembre de 2026.');
    expect(await stores.schedules.getSchedule(id)).toMatchObject({ status: 'sent', messageId: id });
    expect(bus.recent.map((e) => e.id)).toContain(`message.sent:${id}`);
  });

  it('does nothing when a schedule fires again after it was sent', async () => {
    const { id, email } = await dueFollowUp('refired');
    const dispatch = dispatcherWith(sesMailer());

    await dispatch(id);
    const again = await dispatch(id);

    expect(again).toEqual({ status: 'already-done', scheduleId: id });
    expect(await sentEmails(sesUrl, email)).toHaveLength(1);
  });

  it('suppresses, with the reason, a customer without email consent', async () => {
    const { id, email } = await dueFollowUp('no-consent', { consent: {} });

    const outcome = await dispatcherWith(sesMailer())(id);

    expect(outcome).toMatchObject({ status: 'suppressed', message: { reason: 'no-consent' } });
    expect(await sentEmails(sesUrl, email)).toEqual([]);
    expect((await stores.interactions.timeline('no-consent', 5)).messages).toEqual([
      expect.objectContaining({ status: 'suppressed', reason: 'no-consent' }),
    ]);
  });

  it('releases the schedule on a transient failure and records it as failed on the last attempt', async () => {
    const { id } = await dueFollowUp('throttled');
    const mailer = failingMailer(new Error('Throttling: maximum sending rate exceeded'));
    const dispatch = dispatcherWith(mailer);

    await expect(dispatch(id)).rejects.toThrowError(/Throttling/);
    expect(await stores.schedules.getSchedule(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
    });
    await expect(dispatch(id)).rejects.toThrowError(/Throttling/);
    await expect(dispatch(id)).rejects.toThrowError(/Throttling/);

    expect(mailer.calls).toBe(3);
    expect(await stores.schedules.getSchedule(id)).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await stores.interactions.timeline('throttled', 5)).messages).toEqual([
      expect.objectContaining({
        status: 'failed',
        reason: expect.stringMatching(/^delivery-error: Throttling/),
      }),
    ]);
  });

  it('records a permanent rejection as failed at once, without retries', async () => {
    const { id } = await dueFollowUp('rejected');
    const mailer = failingMailer(new PermanentDeliveryError('Email address is not verified'));

    const outcome = await dispatcherWith(mailer)(id);

    expect(mailer.calls).toBe(1);
    expect(outcome).toMatchObject({
      status: 'failed',
      message: { reason: 'delivery-error: Email address is not verified' },
    });
  });

  it('refuses a payload that is not a dispatch request, so it lands in the dead-letter queue', async () => {
    const handler = dispatcherHandler(sesMailer());

    await expect(handler({ schedule: 'x' }, lambdaContext('dispatcher-test'))).rejects.toThrowError(
      /not a dispatch request/,
    );
  });
});
