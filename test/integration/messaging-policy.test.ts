import { describe, expect, it } from 'vitest';
import { Catalog } from '../../core/catalog/catalog.ts';
import { documentClient } from '../../functions/adapters/dynamodb/client.ts';
import { DynamoSystemStateStore } from '../../functions/adapters/dynamodb/system-state-store.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { anAutomation } from '../support/catalogs.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../support/services.ts';

const granted = { status: 'granted', source: 'pos', at: '2026-11-01T10:00:00-05:00' } as const;

/** Three marketing automations on visits and one service task for the owner, at once (no delay). */
const catalog = Catalog.build(
  {
    automations: [
      ...['offer-a', 'offer-b', 'offer-c'].map((id, i) => ({
        file: `automations/${id}.yaml`,
        data: anAutomation({
          id,
          category: 'marketing',
          delay: { kind: 'after', duration: `PT${i + 1}M` },
          conditions: [{ fact: 'interaction.type', op: 'equals', value: 'visit' }],
          action: { kind: 'send-message', channel: 'preferred', template: 'offer', topic: 'news' },
        }),
      })),
      {
        file: 'automations/call-back.yaml',
        data: anAutomation({
          id: 'call-back',
          delay: { kind: 'none' },
          conditions: [{ fact: 'interaction.type', op: 'equals', value: 'complaint' }],
          action: { kind: 'send-message', channel: 'phone', template: 'call-back' },
        }),
      },
    ],
    templates: [
      {
        file: 'templates/offer/en.yaml',
        templateId: 'offer',
        locale: 'en',
        data: {
          subject: 'An offer for {{ customer.firstName }}',
          text: 'Hi {{ customer.firstName }}. Your preferences: {{ links.preferences }}',
        },
      },
      {
        file: 'templates/call-back/en.yaml',
        templateId: 'call-back',
        locale: 'en',
        data: { task: 'Call {{ customer.fullName }} back about their complaint.' },
      },
    ],
    messaging: {
      file: 'messaging.yaml',
      data: { quietHours: { start: '21:00', end: '08:00' } },
    },
  },
  { fallbackLocale: 'en', senderName: 'Rapport' },
);

describe('one messaging policy across automations, on the local runtime', () => {
  const night = uniqueAddress('night');
  const held = uniqueAddress('held');
  // 22:30 in Bogota: inside her quiet hours.
  const local = useTestRuntime(
    new Date('2026-11-24T03:30:00Z'),
    async ({ api }) => {
      for (const [id, email] of [
        ['night-owl', night],
        ['complainer', held],
      ] as const) {
        const customer = {
          ...anaInput(),
          id,
          externalIds: {},
          locale: 'en',
          contact: { email, phone: '+573001234567' },
          channelPreferences: ['email'],
          consent: { email: granted, phone: granted },
        };
        expect((await api.post('/customers', customer)).status).toBe(201);
      }
    },
    { catalog },
  );
  const decisions = async (customerId: string) =>
    (await local.api.get(`/customers/${customerId}/decisions`)).body.decisions as Record<
      string,
      unknown
    >[];

  it('defers what falls in quiet hours to 08:00 her time, then caps the third offer of the week', async () => {
    const { api, runtime } = local;
    const visit = {
      ...visitInput(),
      id: 'late-visit',
      customer: { id: 'night-owl' },
      occurredAt: '2026-11-24T03:30:00Z',
    };
    expect((await api.post('/interactions', visit)).status).toBe(201);
    await runtime.advanceTo(new Date('2026-11-24T03:40:00Z'));

    expect(await sentEmails(runtime.sesUrl, night)).toEqual([]);
    expect((await decisions('night-owl')).map((d) => [d.automationId, d.outcome, d.until])).toEqual(
      expect.arrayContaining([
        ['offer-a', 'deferred', '2026-11-24T13:00:00.000Z'],
        ['offer-b', 'deferred', '2026-11-24T13:00:00.000Z'],
        ['offer-c', 'deferred', '2026-11-24T13:00:00.000Z'],
      ]),
    );

    await runtime.advanceTo(new Date('2026-11-24T13:05:00Z'));

    expect(await sentEmails(runtime.sesUrl, night)).toHaveLength(2);
    const latest = await decisions('night-owl');
    expect(latest.filter((d) => d.outcome === 'sent')).toHaveLength(2);
    expect(latest).toContainEqual(
      expect.objectContaining({
        outcome: 'suppressed',
        reason: 'frequency-cap',
        timeZone: 'America/Bogota',
        timeZoneSource: 'customer',
      }),
    );
  });

  it('holds marketing while a complaint is open, and asks the owner to call instead', async () => {
    const { api, runtime } = local;
    const store = new DynamoSystemStateStore(
      documentClient({ ...LOCAL_AWS, endpoint: runtime.dynamoEndpoint }),
      runtime.tableName,
    );
    await store.put('complainer', 'holds', { openCases: ['case-9'] });
    for (const [id, type] of [
      ['complaint-1', 'complaint'],
      ['visit-2', 'visit'],
    ] as const) {
      const interaction = {
        ...visitInput(),
        id,
        type,
        customer: { id: 'complainer' },
        occurredAt: '2026-11-24T14:00:00Z',
      };
      expect((await api.post('/interactions', interaction)).status).toBe(201);
    }

    await runtime.advanceTo(new Date('2026-11-24T15:00:00Z'));

    expect(await sentEmails(runtime.sesUrl, held)).toEqual([]);
    const outcomes = (await decisions('complainer')).map((d) => [
      d.automationId,
      d.outcome,
      d.reason,
    ]);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        ['offer-a', 'held', 'held-open-complaint'],
        ['call-back', 'sent', undefined],
      ]),
    );
    const tasks = await api.get('/owners/rep-7/tasks?status=open');
    expect(tasks.body.tasks).toEqual([
      expect.objectContaining({
        customerId: 'complainer',
        channel: 'phone',
        text: 'Call Ana García back about their complaint.',
        about: { name: 'Ana García', phone: '+573001234567' },
      }),
    ]);
    const [task] = tasks.body.tasks as { taskId: string }[];
    const done = await api.post(`/owners/rep-7/tasks/${task?.taskId}/done`, {
      note: 'Called; she is happy now',
    });
    expect(done.body).toMatchObject({ status: 'done', note: 'Called; she is happy now' });
    expect((await api.get('/owners/rep-7/tasks?status=open')).body.tasks).toEqual([]);
  });

  it('answers the decisions for one automation, and 404 for an unknown customer', async () => {
    const offers = await local.api.get('/customers/complainer/decisions?automation=offer-b');

    expect(
      (offers.body.decisions as { automationId: string }[]).map((d) => d.automationId),
    ).toEqual(['offer-b']);
    expect((await local.api.get('/customers/nobody/decisions')).status).toBe(404);
    expect(
      (await local.api.get('/customers/complainer/decisions?automation=NOT_AN_ID')).status,
    ).toBe(400);
  });
});
