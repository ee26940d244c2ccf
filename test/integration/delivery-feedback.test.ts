import { randomUUID } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it } from 'vitest';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { bounceOf, feedbackCatalog, granted, simulator } from '../support/feedback.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, tableSnapshot, uniqueAddress } from '../support/services.ts';

interface Message {
  automationId: string;
  status: string;
  channel?: string;
  to?: string;
  providerMessageId?: string;
  delivery?: { status: string; at: string; detail?: string };
}
interface View {
  customer: {
    reachability: Record<string, { status: string; address?: string; reason?: string }>;
    consent: Record<string, { status: string }>;
  };
  timeline: { messages: Message[] };
}

// 10:00 in Bogota: outside quiet hours, so every message goes out at once.
describe('SES delivery feedback on the local runtime', () => {
  const bouncing = simulator('bounce');
  const complaining = simulator('complaint');
  const local = useTestRuntime(new Date('2026-11-24T15:00:00Z'), undefined, {
    catalog: feedbackCatalog,
  });
  let interactions = 0;
  const events = () =>
    new EventBridgeClient({ ...LOCAL_AWS, endpoint: `${local.runtime.apiUrl}/_aws/events` });

  const register = async (id: string, email: string) => {
    const customer = {
      ...anaInput(),
      id,
      externalIds: {},
      locale: 'en',
      contact: { email, phone: '+573001234567' },
      channelPreferences: ['email', 'phone'],
      consent: { email: granted, phone: granted },
    };
    expect((await local.api.post('/customers', customer)).status).toBe(201);
  };
  /** Records an interaction now and lets everything it causes run, SES's feedback included. */
  const interact = async (customerId: string, type: 'visit' | 'purchase') => {
    interactions += 1;
    const interaction = {
      ...visitInput(),
      id: `feedback-${interactions}`,
      type,
      customer: { id: customerId },
      occurredAt: local.runtime.clock.now().toISOString(),
    };
    expect((await local.api.post('/interactions', interaction)).status).toBe(201);
    await local.runtime.settle();
  };
  const view = async (id: string) =>
    (await local.api.get(`/customers/${id}`)).body as unknown as View;
  const decisions = async (id: string) =>
    (await local.api.get(`/customers/${id}/decisions`)).body.decisions as Record<string, unknown>[];
  const putOnBus = async (entries: { DetailType: string; Detail: unknown }[]) => {
    const client = events();
    const result = await client.send(
      new PutEventsCommand({
        Entries: entries.map((entry) => ({
          Source: 'aws.ses',
          DetailType: entry.DetailType,
          Detail: JSON.stringify(entry.Detail),
          EventBusName: 'default',
        })),
      }),
    );
    client.destroy();
    expect(result.FailedEntryCount).toBe(0);
    await local.runtime.settle();
  };

  it('records a hard bounce on the message and stops that email address', async () => {
    await register('bouncer', bouncing);

    await interact('bouncer', 'visit');

    expect(await sentEmails(local.runtime.sesUrl, bouncing)).toHaveLength(1);
    const { customer, timeline } = await view('bouncer');
    expect(timeline.messages).toEqual([
      expect.objectContaining({
        automationId: 'visit-thanks',
        status: 'sent',
        channel: 'email',
        to: bouncing,
        delivery: {
          status: 'bounced',
          at: '2026-11-24T15:00:00.000Z',
          detail: 'Permanent/General: smtp; 550 5.1.1 user unknown',
        },
      }),
    ]);
    expect(customer.reachability.email).toMatchObject({ status: 'bounced', address: bouncing });
  });

  it('moves the next preferred message to the next channel and suppresses an email-only one as bounced', async () => {
    await interact('bouncer', 'visit');
    await interact('bouncer', 'purchase');

    expect(await sentEmails(local.runtime.sesUrl, bouncing)).toHaveLength(1);
    const outcomes = (await decisions('bouncer')).map((d) => ({
      automationId: d.automationId,
      outcome: d.outcome,
      channel: d.channel,
      reason: d.reason,
      skipped: d.skipped,
    }));
    expect(outcomes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          automationId: 'visit-thanks',
          outcome: 'sent',
          channel: 'phone',
          skipped: [{ channel: 'email', reason: 'bounced' }],
        }),
        expect.objectContaining({
          automationId: 'purchase-receipt',
          outcome: 'suppressed',
          reason: 'bounced',
        }),
      ]),
    );
    const tasks = (await local.api.get('/owners/rep-7/tasks?status=open')).body.tasks;
    expect(tasks).toEqual([
      expect.objectContaining({
        customerId: 'bouncer',
        channel: 'phone',
        text: 'Call Ana García to thank them for their visit.',
      }),
    ]);
  });

  it('reaches a customer again once a touchpoint gives a new email address', async () => {
    const { customer } = await view('bouncer');
    const fresh = uniqueAddress('new-inbox');
    const profile = { ...anaInput(), id: 'bouncer', externalIds: {}, locale: 'en', consent: {} };
    const put = await local.api.put('/customers/bouncer', {
      ...profile,
      contact: { email: fresh, phone: '+573001234567' },
      channelPreferences: ['email', 'phone'],
    });
    expect(put.status).toBe(200);

    await interact('bouncer', 'purchase');

    expect(await sentEmails(local.runtime.sesUrl, fresh)).toHaveLength(1);
    const after = await view('bouncer');
    // Messages recorded in the same (frozen) instant are in no particular order: find it.
    expect(after.timeline.messages.find((m) => m.to === fresh)).toMatchObject({
      automationId: 'purchase-receipt',
      delivery: { status: 'delivered', detail: '250 2.6.0 Message received' },
    });
    // The old address's record stays as it was: it still names the address that bounced.
    expect(after.customer.reachability.email).toEqual(customer.reachability.email);
  });

  it('records a complaint, stops the address for every email, and leaves consent as the customer gave it', async () => {
    await register('complainer', complaining);

    await interact('complainer', 'visit');
    await interact('complainer', 'purchase');

    expect(await sentEmails(local.runtime.sesUrl, complaining)).toHaveLength(1);
    const { customer, timeline } = await view('complainer');
    const thanks = timeline.messages.find((m) => m.automationId === 'visit-thanks');
    // SES reports the delivery, then the complaint: the stronger report stays, whatever the order.
    expect(thanks?.delivery).toMatchObject({ status: 'complained', detail: 'complaint: abuse' });
    expect(customer.reachability.email).toMatchObject({
      status: 'complained',
      address: complaining,
    });
    expect(customer.consent.email).toMatchObject({ status: 'granted' });
    expect(await decisions('complainer')).toContainEqual(
      expect.objectContaining({
        automationId: 'purchase-receipt',
        outcome: 'suppressed',
        reason: 'complained',
      }),
    );
  });

  it.each([
    ['an ordinary address', () => uniqueAddress('ordinary')],
    ["the simulator's success address", () => simulator('success')],
  ])('records delivery to %s and leaves it reachable', async (_name, address) => {
    const email = address();
    const id = `reader-${randomUUID().slice(0, 8)}`;
    await register(id, email);

    await interact(id, 'purchase');

    const { customer, timeline } = await view(id);
    expect(timeline.messages).toEqual([
      expect.objectContaining({
        to: email,
        delivery: expect.objectContaining({ status: 'delivered' }),
      }),
    ]);
    expect(customer.reachability).toEqual({});
  });

  it('changes nothing when EventBridge delivers a bounce a second time', async () => {
    const [message] = (await view('bouncer')).timeline.messages.filter(
      (m) => m.to === bouncing && m.channel === 'email',
    );
    const before = await tableSnapshot(local.runtime.dynamoEndpoint, local.runtime.tableName);

    await putOnBus([{ DetailType: 'Email Bounced', Detail: bounceOf(message, bouncing) }]);

    expect(await tableSnapshot(local.runtime.dynamoEndpoint, local.runtime.tableName)).toBe(before);
    expect(local.runtime.bus.deadLetters).toEqual([]);
  });

  it('drops an event for a message Rapport did not send, and dead-letters one it cannot read', async () => {
    const before = await tableSnapshot(local.runtime.dynamoEndpoint, local.runtime.tableName);
    const stranger = { providerMessageId: 'not-a-rapport-message' };
    const { bounce: _missing, ...malformed } = bounceOf(stranger, bouncing);

    await putOnBus([
      { DetailType: 'Email Bounced', Detail: bounceOf(stranger, bouncing) },
      { DetailType: 'Email Bounced', Detail: malformed },
    ]);

    expect(await tableSnapshot(local.runtime.dynamoEndpoint, local.runtime.tableName)).toBe(before);
    expect(local.runtime.bus.deadLetters).toEqual([
      expect.objectContaining({
        subscription: 'delivery-feedback',
        detailType: 'Email Bounced',
        error: expect.stringContaining('is not an SES delivery, bounce or complaint event'),
      }),
    ]);
  });
});
