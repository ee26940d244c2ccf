import { describe, expect, it } from 'vitest';
import { Catalog } from '../../core/catalog/catalog.ts';
import { documentClient } from '../../functions/adapters/dynamodb/client.ts';
import { DynamoPreferencesStore } from '../../functions/adapters/dynamodb/preferences-store.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { anAutomation } from '../support/catalogs.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, tableSnapshot, uniqueAddress } from '../support/services.ts';

const granted = { status: 'granted', source: 'pos', at: '2026-11-01T10:00:00-05:00' } as const;

/** One marketing offer on the `news` topic, a minute after each visit. */
const catalog = Catalog.build(
  {
    automations: [
      {
        file: 'automations/news-offer.yaml',
        data: anAutomation({
          id: 'news-offer',
          category: 'marketing',
          delay: { kind: 'after', duration: 'PT1M' },
          conditions: [{ fact: 'interaction.type', op: 'equals', value: 'visit' }],
          action: { kind: 'send-message', channel: 'preferred', template: 'offer', topic: 'news' },
        }),
      },
    ],
    templates: [
      {
        file: 'templates/offer/en.yaml',
        templateId: 'offer',
        locale: 'en',
        data: {
          subject: 'News for {{ customer.firstName }}',
          text: 'Hi {{ customer.firstName }}. Change what you receive: {{ links.preferences }}',
        },
      },
    ],
  },
  { fallbackLocale: 'en', senderName: 'Rapport' },
);

interface SentWithHeaders {
  body: { text?: string };
  headers?: { name: string; value: string }[];
}

const header = (email: SentWithHeaders, name: string) =>
  email.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;

describe('one-click unsubscribe through the local runtime, over HTTP', () => {
  const address = uniqueAddress('leaver');
  // 10:00 in Bogota: no quiet hours in the way.
  const local = useTestRuntime(
    new Date('2026-11-24T15:00:00Z'),
    async ({ api }) => {
      const customer = {
        ...anaInput(),
        id: 'leaver',
        externalIds: {},
        locale: 'en',
        contact: { email: address },
        consent: { email: granted },
      };
      expect((await api.post('/customers', customer)).status).toBe(201);
    },
    { catalog },
  );
  let visits = 0;
  const visitAndWait = async () => {
    visits += 1;
    const { api, runtime } = local;
    const at = runtime.clock.now();
    const visit = {
      ...visitInput(),
      id: `leaver-visit-${visits}`,
      customer: { id: 'leaver' },
      occurredAt: at.toISOString(),
    };
    expect((await api.post('/interactions', visit)).status).toBe(201);
    await runtime.advanceTo(new Date(at.getTime() + 5 * 60_000));
  };
  const firstEmail = async () => {
    const [email] = (await sentEmails(
      local.runtime.sesUrl,
      address,
    )) as unknown as SentWithHeaders[];
    if (!email) throw new Error(`no email was sent to ${address}`);
    return email;
  };
  const unsubscribeUrl = async () => {
    const value = header(await firstEmail(), 'List-Unsubscribe') ?? '';
    return value.replace(/^<|>$/g, '');
  };
  const oneClick = (url: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });

  it('sends the offer with both RFC 8058 headers and a preferences link in the body', async () => {
    await visitAndWait();

    const email = await firstEmail();
    const base = local.runtime.apiUrl;
    expect(header(email, 'List-Unsubscribe')).toMatch(
      new RegExp(`^<${base}/unsubscribe/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+>$`),
    );
    expect(header(email, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(email.body.text).toMatch(new RegExp(`${base}/preferences/[A-Za-z0-9_.-]+`));
  });

  it('answers a GET of the unsubscribe link with a one-button page, and changes nothing', async () => {
    const before = await tableSnapshot(local.runtime.dynamoEndpoint, local.runtime.tableName);

    const response = await fetch(await unsubscribeUrl());
    const page = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
    expect(page).toContain('Stop receiving “News and offers”?');
    expect(await tableSnapshot(local.runtime.dynamoEndpoint, local.runtime.tableName)).toBe(before);
  });

  it('refuses a tampered link with a clear page, and writes nothing', async () => {
    const url = await unsubscribeUrl();
    const signature = url.slice(url.lastIndexOf('.') + 1);
    const forged = `${url.slice(0, url.lastIndexOf('.') + 1)}${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const before = await tableSnapshot(local.runtime.dynamoEndpoint, local.runtime.tableName);

    const response = await oneClick(forged);

    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<h1>This link is not valid</h1>');
    expect(await tableSnapshot(local.runtime.dynamoEndpoint, local.runtime.tableName)).toBe(before);
  });

  it('unsubscribes the topic on List-Unsubscribe=One-Click, recorded with source and time', async () => {
    const { api, runtime } = local;
    const at = runtime.clock.now().toISOString();

    const response = await oneClick(await unsubscribeUrl());

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('You will no longer receive “News and offers”.');
    const view = await api.get('/customers/leaver');
    expect(view.body.customer).toMatchObject({
      preferences: { topics: { news: false }, updatedAt: at },
      // A topic is left, not the channel: service email still reaches her.
      consent: { email: { status: 'granted' } },
    });
    const store = new DynamoPreferencesStore(
      documentClient({ ...LOCAL_AWS, endpoint: runtime.dynamoEndpoint }),
      runtime.tableName,
    );
    expect(await store.preferencesHistory('leaver', 10)).toEqual([
      expect.objectContaining({
        source: 'one-click-unsubscribe',
        recordedAt: at,
        by: 'customer:leaver',
        set: { topics: { news: false } },
      }),
    ]);
  });

  it('is idempotent: a second one-click writes nothing more', async () => {
    const before = await tableSnapshot(local.runtime.dynamoEndpoint, local.runtime.tableName);

    const response = await oneClick(await unsubscribeUrl());

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('You had already unsubscribed');
    expect(await tableSnapshot(local.runtime.dynamoEndpoint, local.runtime.tableName)).toBe(before);
  });

  it('suppresses the next offer on that topic as unsubscribed-topic', async () => {
    await visitAndWait();

    expect(await sentEmails(local.runtime.sesUrl, address)).toHaveLength(1);
    const { decisions } = (await local.api.get('/customers/leaver/decisions')).body as {
      decisions: { automationId: string; outcome: string; reason?: string }[];
    };
    expect(decisions[0]).toMatchObject({
      automationId: 'news-offer',
      outcome: 'suppressed',
      reason: 'unsubscribed-topic',
    });
  });

  it('refuses a POST without List-Unsubscribe=One-Click, and an expired link', async () => {
    const url = await unsubscribeUrl();
    const wrongBody = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'something=else',
    });
    expect(wrongBody.status).toBe(400);

    // The links of a message work for messaging.links.preferencesDays (30 by default).
    await local.runtime.advanceBy(31 * 86_400_000);
    const before = await tableSnapshot(local.runtime.dynamoEndpoint, local.runtime.tableName);
    const expired = await oneClick(url);

    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('<h1>This link has expired</h1>');
    expect(await tableSnapshot(local.runtime.dynamoEndpoint, local.runtime.tableName)).toBe(before);
  });
});
