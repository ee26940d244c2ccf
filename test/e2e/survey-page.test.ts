import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signLink } from '../../core/messaging/links.ts';
import { documentClient } from '../../functions/adapters/dynamodb/client.ts';
import { keys } from '../../functions/adapters/dynamodb/keys.ts';
import { DynamoSurveyResponseStore } from '../../functions/adapters/dynamodb/survey-response-store.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { localLinkKey } from '../../local/link-key.ts';
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { apiClient } from '../support/runtime.ts';

const START = new Date('2026-11-24T15:00:00Z');
const expires = Math.floor(START.getTime() / 1000) + 14 * 86_400;

/**
 * The survey page on the local runtime, over real HTTP, with links signed by the runtime's own key
 * (kept in a data directory so the test can sign them as the invitation would).
 */
describe('the survey page over HTTP on the local runtime', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-survey-'));
  const tableName = `sv-${randomUUID().slice(0, 8)}`;
  const db = documentClient({ ...LOCAL_AWS, endpoint: inject('dynamoEndpoint') });
  const responses = new DynamoSurveyResponseStore(db, tableName);
  let runtime: LocalRuntime;
  let api: ReturnType<typeof apiClient>;
  let key: Uint8Array;

  const link = (payload: Record<string, unknown>) =>
    `/survey/${signLink({ c: 'ana-garcia', p: 'survey', i: 'visit-1', k: 'nps', e: expires, ...payload } as Parameters<typeof signLink>[0], key)}`;
  const page = (path: string, init?: RequestInit) => fetch(`${runtime.apiUrl}${path}`, init);
  const post = (path: string, form: Record<string, string>) =>
    page(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      apiPort: 0,
      dynamoPort: 0,
      sesPort: 0,
      dataDir,
      dynamoEndpoint: inject('dynamoEndpoint'),
      sesUrl: inject('sesUrl'),
      tableName,
      clock: { startAt: START, frozen: true },
      sender: { address: 'rapport@example.com', name: 'Rapport' },
      defaultTimeZone: 'UTC',
      tickMs: false,
    });
    key = localLinkKey(dataDir);
    api = apiClient(runtime.apiUrl);
    for (const [id, locale] of [
      ['ana-garcia', 'en'],
      ['eva-ruiz', 'es-CO'],
    ] as const) {
      const customer = { ...anaInput(), id, externalIds: {}, locale };
      expect((await api.post('/customers', customer)).status).toBe(201);
    }
    const visit = {
      ...visitInput(),
      id: 'visit-1',
      customer: { id: 'ana-garcia' },
      touchpoint: 'store',
      agent: { id: 'agent-3', name: 'Marta' },
      occurredAt: '2026-11-23T20:00:00.000Z',
    };
    expect((await api.post('/interactions', visit)).status).toBe(201);
  });

  afterAll(async () => {
    await runtime?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the question in the customer language with one labelled button per score, writing nothing', async () => {
    const response = await page(link({}));
    const body = await response.text();

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('How likely are you to recommend us');
    expect(body.match(/<button type="submit" name="score"/g)).toHaveLength(11);
    expect(body).toContain('aria-label="0 (Not at all likely)"');
    expect(body).toContain('<label for="comment">');
    expect(await responses.response('ana-garcia', 'visit-1')).toBeUndefined();
  });

  it('records a score from a one-click link at once, with the interaction context, and emits survey.answered', async () => {
    const response = await page(link({ s: 3 }));
    const body = await response.text();

    expect(response.status).toBe(200);
    expect(body).toContain('We recorded your score: 3.');
    expect(body).toContain('<textarea id="comment" name="comment"');
    const stored = await responses.response('ana-garcia', 'visit-1');
    expect(stored).toMatchObject({
      kind: 'nps',
      score: 3,
      touchpoint: 'store',
      agent: { id: 'agent-3', name: 'Marta' },
      locale: 'en',
      answeredAt: START.toISOString(),
      firstAnsweredAt: START.toISOString(),
    });
    const event = await db.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.event(`survey.answered:ana-garcia:visit-1:${START.toISOString()}`),
      }),
    );
    expect(event.Item?.event).toMatchObject({
      type: 'survey.answered',
      data: { score: 3, kind: 'nps', scoreClass: 'detractor', detractor: true, changed: false },
    });
  });

  it('adds the comment to the same answer without a second event, and a new class emits again', async () => {
    await api.post('/_local/clock', { to: '2026-11-24T15:05:00Z' });
    const withComment = await post(link({ s: 3 }), { score: '3', comment: 'The queue was long.' });
    expect(withComment.status).toBe(200);
    expect(await withComment.text()).toContain('The queue was long.');
    const commented = await responses.response('ana-garcia', 'visit-1');
    expect(commented).toMatchObject({ score: 3, comment: 'The queue was long.' });
    expect(commented?.firstAnsweredAt).toBe(START.toISOString());
    const noSecond = await db.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.event('survey.answered:ana-garcia:visit-1:2026-11-24T15:05:00.000Z'),
      }),
    );
    expect(noSecond.Item).toBeUndefined();

    await api.post('/_local/clock', { to: '2026-11-24T15:10:00Z' });
    const changed = await post(link({}), { score: '9' });
    expect(changed.status).toBe(200);
    expect(await responses.response('ana-garcia', 'visit-1')).toMatchObject({
      score: 9,
      comment: 'The queue was long.',
    });
    const second = await db.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.event('survey.answered:ana-garcia:visit-1:2026-11-24T15:10:00.000Z'),
      }),
    );
    expect(second.Item?.event).toMatchObject({
      data: { score: 9, scoreClass: 'promoter', detractor: false, changed: true },
    });
    expect(
      await responses.responsesBetween(
        new Date('2026-11-24T00:00:00Z'),
        new Date('2026-11-25T00:00:00Z'),
      ),
    ).toHaveLength(1);
  });

  it('speaks Spanish to a Spanish-speaking customer', async () => {
    const response = await page(link({ c: 'eva-ruiz', i: 'visit-es' }));
    const body = await response.text();
    expect(body).toContain('<html lang="es">');
    expect(body).toContain('¿Qué tan probable es que nos recomiende');
  });

  it('refuses a tampered, a wrong-purpose and an out-of-range answer with a clear page, writing nothing', async () => {
    const good = link({ i: 'visit-2', s: 2 });
    const tampered = `${good.slice(0, -3)}${good.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const forTampered = await page(tampered);
    expect(forTampered.status).toBe(403);
    expect(await forTampered.text()).toContain('This link is not valid');

    const preferences = `/survey/${signLink({ c: 'ana-garcia', p: 'preferences', e: expires }, key)}`;
    expect((await page(preferences)).status).toBe(400);

    const outOfRange = await post(link({ i: 'visit-2' }), { score: '11', comment: 'kept' });
    expect(outOfRange.status).toBe(400);
    const again = await outOfRange.text();
    expect(again).toContain('role="alert"');
    expect(again).toContain('>kept</textarea>');
    expect(await responses.response('ana-garcia', 'visit-2')).toBeUndefined();
  });

  it('tells the customer an expired survey has closed, and records nothing', async () => {
    await api.post('/_local/clock', { to: new Date((expires + 60) * 1000).toISOString() });
    const response = await page(link({ i: 'visit-3', s: 10 }));
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('This survey has closed');
    expect(await responses.response('ana-garcia', 'visit-3')).toBeUndefined();
  });
});
