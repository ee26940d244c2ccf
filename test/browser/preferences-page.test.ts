import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../core/catalog/catalog.ts';
import { documentClient } from '../../functions/adapters/dynamodb/client.ts';
import { DynamoPreferencesStore } from '../../functions/adapters/dynamodb/preferences-store.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { anAutomation } from '../support/catalogs.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../support/services.ts';
import { launchChromium } from './chromium.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results');
const granted = { status: 'granted', source: 'pos', at: '2026-11-01T10:00:00-05:00' } as const;

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
          sms: 'News for {{ customer.firstName }}',
        },
      },
    ],
    messaging: {
      file: 'messaging.yaml',
      data: {
        topics: {
          news: { en: 'News and offers', es: 'Novedades y ofertas' },
          events: { en: 'Events and invitations', es: 'Eventos e invitaciones' },
        },
      },
    },
  },
  { fallbackLocale: 'en', senderName: 'Rapport' },
);

describe('the preferences page in headless Chromium, without JavaScript', () => {
  const ana = uniqueAddress('page-ana');
  const eva = uniqueAddress('page-eva');
  // 10:00 in Bogota: no quiet hours in the way.
  const local = useTestRuntime(
    new Date('2026-11-24T15:00:00Z'),
    async ({ api, runtime }) => {
      for (const [id, email, locale] of [
        ['page-ana', ana, 'en'],
        ['page-eva', eva, 'es-CO'],
      ] as const) {
        const customer = {
          ...anaInput(),
          id,
          externalIds: {},
          name: { given: id === 'page-ana' ? 'Ana' : 'Eva', family: 'García' },
          locale,
          contact: { email, phone: '+573001234567' },
          channelPreferences: ['email', 'sms'],
          consent: { email: granted, sms: granted },
        };
        expect((await api.post('/customers', customer)).status).toBe(201);
        const visit = {
          ...visitInput(),
          id: `${id}-visit`,
          customer: { id },
          occurredAt: runtime.clock.now().toISOString(),
        };
        expect((await api.post('/interactions', visit)).status).toBe(201);
      }
      await runtime.advanceBy(5 * 60_000);
    },
    { catalog },
  );

  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    // The page must work for people (and mail clients) that run no scripts.
    context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** The links of the one email a customer got, as their mail client would show them. */
  const linksIn = async (address: string) => {
    const [email] = (await sentEmails(local.runtime.sesUrl, address)) as unknown as {
      body: { text: string };
      headers: { name: string; value: string }[];
    }[];
    const preferences = email?.body.text.match(/https?:\/\/\S+\/preferences\/\S+/)?.[0];
    const unsubscribe = email?.headers
      .find((h) => h.name === 'List-Unsubscribe')
      ?.value.replace(/^<|>$/g, '');
    if (!preferences || !unsubscribe) throw new Error(`no links in the email to ${address}`);
    return { preferences, unsubscribe };
  };

  it('changes the channel order and leaves a topic from the link in an email', async () => {
    // Prepare
    const page = await context.newPage();
    await page.goto((await linksIn(ana)).preferences);
    expect(await page.title()).toBe('Your message preferences');
    expect(await page.getByLabel('Choice 1').inputValue()).toBe('email');

    // Act: with the keyboard where a person would use it
    await page.getByLabel('Choice 1').selectOption('sms');
    await page.getByLabel('Choice 2').selectOption('email');
    await page.getByLabel('News and offers').uncheck();
    await page.getByLabel('At most once a week').check();
    await page.getByRole('button', { name: 'Save my preferences' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForLoadState();

    // Assess: the page says so, the table has it, the log says who, how and when
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'Your preferences were saved.',
    );
    expect(await page.getByLabel('Choice 1').inputValue()).toBe('sms');
    expect(await page.getByLabel('News and offers').isChecked()).toBe(false);
    expect(await page.getByLabel('Events and invitations').isChecked()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'preferences-page-en.png'), fullPage: true });
    const { customer } = (await local.api.get('/customers/page-ana')).body as {
      customer: { preferences: Record<string, unknown> };
    };
    expect(customer.preferences).toMatchObject({
      // Her rep can call and visit her too: offered, after the two she put first.
      channels: ['sms', 'email', 'phone', 'visit'],
      frequency: 'weekly',
      topics: { news: false },
    });
    const store = new DynamoPreferencesStore(
      documentClient({ ...LOCAL_AWS, endpoint: local.runtime.dynamoEndpoint }),
      local.runtime.tableName,
    );
    expect(await store.preferencesHistory('page-ana', 5)).toEqual([
      expect.objectContaining({
        source: 'preferences-page',
        by: 'customer:page-ana',
        recordedAt: local.runtime.clock.now().toISOString(),
        set: {
          channels: ['sms', 'email', 'phone', 'visit'],
          frequency: 'weekly',
          topics: { news: false },
        },
      }),
    ]);
    await page.close();
  });

  it('tells a person who picks one channel twice what to fix, and saves nothing', async () => {
    const page = await context.newPage();
    await page.goto((await linksIn(ana)).preferences);

    await page.getByLabel('Choice 2').selectOption('sms');
    await page.getByRole('button', { name: 'Save my preferences' }).click();

    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'Choose each channel only once in the order.',
    );
    const { customer } = (await local.api.get('/customers/page-ana')).body as {
      customer: { preferences: { channels: string[] } };
    };
    expect(customer.preferences.channels).toEqual(['sms', 'email', 'phone', 'visit']);
    await page.close();
  });

  it('speaks Spanish to a customer whose locale is es-CO, and unsubscribes with one button', async () => {
    const links = await linksIn(eva);
    const page = await context.newPage();

    await page.goto(links.preferences);
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Tus preferencias de mensajes',
    );
    expect(await page.getByLabel('Novedades y ofertas').isChecked()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'preferences-page-es.png'), fullPage: true });

    await page.goto(links.unsubscribe);
    expect(await page.getByText('¿Dejar de recibir «Novedades y ofertas»?').count()).toBe(1);
    await page.getByRole('button', { name: 'Cancelar suscripción' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'Ya no recibirás «Novedades y ofertas».',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'unsubscribed-es.png'), fullPage: true });

    const { customer } = (await local.api.get('/customers/page-eva')).body as {
      customer: { preferences: Record<string, unknown> };
    };
    expect(customer.preferences).toMatchObject({ topics: { news: false } });
    await page.close();
  });
});
