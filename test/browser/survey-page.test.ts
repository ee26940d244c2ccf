import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/adapters/dynamodb/client.ts';
import { DynamoSurveyResponseStore } from '../../functions/adapters/dynamodb/survey-response-store.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../support/services.ts';
import { launchChromium } from './chromium.ts';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results');

/** The survey page link of the invitation a customer got: the one survey link without a score. */
async function surveyPageLinkIn(sesUrl: string, address: string): Promise<string> {
  const links = (await sentEmails(sesUrl, address)).flatMap(
    (mail) => mail.body.text?.match(/https?:\/\/\S+\/survey\/[\w-]+\.[\w-]+/g) ?? [],
  );
  const page = links.find((link) => {
    const payload = link.split('/survey/')[1]?.split('.')[0] ?? '';
    return !('s' in JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  });
  if (!page) throw new Error(`no survey invitation to ${address}`);
  return page;
}

describe('the survey page in headless Chromium, without JavaScript, from the invitation', () => {
  const ana = uniqueAddress('survey-page-ana');
  const eva = uniqueAddress('survey-page-eva');
  // A visit (NPS) and a call (CSAT) at 15:00 in Bogota; the invitations go out the next morning.
  const local = useTestRuntime(new Date('2026-11-23T20:00:05Z'), async ({ api }) => {
    // The survey automations ship off: marketing ops turn them on.
    for (const automation of ['survey-after-visit', 'survey-after-support']) {
      const body = { enabled: true, by: 'ops@example.com' };
      expect((await api.put(`/automations/${automation}/enabled`, body)).status).toBe(200);
    }
    for (const [id, email, locale, interactionId, type] of [
      ['ana-garcia', ana, 'en', 'visit-1', 'visit'],
      ['eva-ruiz', eva, 'es-CO', 'call-1', 'call'],
    ] as const) {
      const customer = { ...anaInput(), id, externalIds: {}, locale, contact: { email } };
      expect((await api.post('/customers', customer)).status).toBe(201);
      const interaction = {
        ...visitInput(),
        id: interactionId,
        type,
        customer: { id },
        occurredAt: '2026-11-23T20:00:00.000Z',
      };
      expect((await api.post('/interactions', interaction)).status).toBe(201);
    }
    await api.post('/_local/clock', { to: '2026-11-24T12:00:00-05:00' });
  });
  let browser: Browser;
  let context: BrowserContext;
  const responses = () =>
    new DynamoSurveyResponseStore(
      documentClient({ ...LOCAL_AWS, endpoint: local.runtime.dynamoEndpoint }),
      local.runtime.tableName,
    );

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    // The page must work for people (and mail clients) that run no scripts.
    context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('answers with a score and a comment in one click', async () => {
    // Prepare
    const page = await context.newPage();
    await page.goto(await surveyPageLinkIn(local.runtime.sesUrl, ana));
    expect(await page.title()).toBe('Your opinion');
    await page.screenshot({ path: join(SCREENSHOTS, 'survey-page-en.png'), fullPage: true });

    // Act
    await page
      .getByLabel('What is the main reason for your score? (optional)')
      .fill('Nobody helped me at the till.');
    await page.getByRole('button', { name: '3', exact: true }).click();
    await page.getByRole('status').waitFor();

    // Assess
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'We recorded your score: 3.',
    );
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Thank you. Your answer helps us do better.',
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'survey-answered-en.png'), fullPage: true });
    expect(await responses().response('ana-garcia', 'visit-1')).toMatchObject({
      kind: 'nps',
      score: 3,
      comment: 'Nobody helped me at the till.',
    });
    await page.close();
  });

  it('answers with the keyboard alone, in Spanish, and adds a comment on the thank-you page', async () => {
    const page = await context.newPage();
    await page.goto(await surveyPageLinkIn(local.runtime.sesUrl, eva));
    expect(await page.locator('html').getAttribute('lang')).toBe('es');

    // Tab from the top of the page: the comment box first, then the scores from 1 to 5.
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').getAttribute('id')).toBe('comment');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('4');
    await page.keyboard.press('Enter');
    await page.getByRole('status').waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toBe(
      'Registramos tu puntuación: 4.',
    );

    await page.keyboard.press('Tab');
    await page.keyboard.type('Muy amables.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    // The post navigates to the same URL: wait for the page it answers with.
    await page.getByText('Recibimos tu comentario.').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'survey-keyboard-es.png'), fullPage: true });

    expect(await responses().response('eva-ruiz', 'call-1')).toMatchObject({
      kind: 'csat',
      score: 4,
      comment: 'Muy amables.',
      locale: 'es-CO',
    });
    await page.close();
  });
});
