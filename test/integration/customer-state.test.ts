import { describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/adapters/dynamodb/client.ts';
import { DynamoSystemStateStore } from '../../functions/adapters/dynamodb/system-state-store.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { anaInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';

const LOCAL_CALLER = 'arn:aws:iam::000000000000:user/local';

/**
 * What touchpoints send and what Rapport owns live in different items: a profile PUT cannot touch
 * consent (it has its own route and history) nor what Rapport computed or learned.
 */
describe("a customer's state, owned by whom", () => {
  const local = useTestRuntime(new Date('2026-11-23T20:00:05Z'), async ({ api }) => {
    expect((await api.post('/customers', anaInput())).status).toBe(201);
  });
  const { consent: _consent, ...profile } = anaInput();

  it('refuses consent in a profile update, naming the consent route, and changes nothing', async () => {
    const response = await local.api.put('/customers/ana-garcia', {
      ...profile,
      consent: { email: { status: 'denied', source: 'pos', at: '2026-11-23T19:00:00Z' } },
    });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.issues)).toContain(
      'PUT /customers/ana-garcia/consent/{channel}',
    );
    const view = await local.api.get('/customers/ana-garcia');
    expect(view.body.customer).toMatchObject({ consent: { email: { status: 'granted' } } });
  });

  it("keeps what Rapport learned (a bounce) through a touchpoint's profile replace", async () => {
    const { runtime } = local;
    const store = new DynamoSystemStateStore(
      documentClient({ ...LOCAL_AWS, endpoint: runtime.dynamoEndpoint }),
      runtime.tableName,
    );
    await store.put('ana-garcia', 'reachability', {
      email: {
        status: 'bounced',
        at: '2026-11-23T19:30:00.000Z',
        reason: 'mailbox does not exist',
      },
    });

    const replaced = await local.api.put('/customers/ana-garcia', { ...profile, locale: 'en' });
    const smuggled = await local.api.put('/customers/ana-garcia', {
      ...profile,
      reachability: { email: { status: 'reachable', at: '2026-11-23T20:00:00Z' } },
    });
    const view = await local.api.get('/customers/ana-garcia');

    expect(replaced.status).toBe(200);
    expect(smuggled.status).toBe(400);
    expect(view.body.customer).toMatchObject({
      locale: 'en',
      reachability: { email: { status: 'bounced', reason: 'mailbox does not exist' } },
    });
  });

  it('keeps every consent decision with its source, time and caller; an older one does not undo a newer', async () => {
    const { api } = local;
    await api.put('/customers/ana-garcia/consent/sms', {
      status: 'granted',
      source: 'call-centre',
      at: '2026-11-23T18:00:00Z',
    });
    // A decision the POS took earlier arrives late: it is history, not in force.
    await api.put('/customers/ana-garcia/consent/sms', {
      status: 'denied',
      source: 'pos',
      at: '2026-11-20T12:00:00Z',
    });

    const { body } = await api.get('/customers/ana-garcia/consent');

    expect(body.consent).toMatchObject({
      sms: {
        status: 'granted',
        source: 'call-centre',
        at: '2026-11-23T18:00:00.000Z',
        by: LOCAL_CALLER,
      },
    });
    expect(body.history).toEqual([
      expect.objectContaining({
        channel: 'sms',
        status: 'denied',
        source: 'pos',
        by: LOCAL_CALLER,
      }),
      expect.objectContaining({ channel: 'sms', status: 'granted', source: 'call-centre' }),
      expect.objectContaining({ channel: 'email', status: 'granted', source: 'web-form' }),
    ]);
  });
});
