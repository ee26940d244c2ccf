import { beforeEach, describe, expect, it } from 'vitest';
import { anaInput, visitInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { tableSnapshot } from '../support/services.ts';

/**
 * Each class of bad input from the black-box review, over real HTTP: a 4xx with a JSON error a
 * person can act on, and not one item written (the table is compared before and after).
 */
const local = useTestRuntime(new Date('2026-11-23T20:00:00Z'), async ({ api, runtime }) => {
  expect((await api.post('/customers', anaInput())).status).toBe(201);
  await runtime.settle();
});
let before: string;

const snapshot = () => tableSnapshot(local.runtime.dynamoEndpoint, local.runtime.tableName);

beforeEach(async () => {
  before = await snapshot();
});

async function expectNothingWritten() {
  await local.runtime.settle();
  expect(await snapshot()).toBe(before);
}

const raw = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
  fetch(`${local.runtime.apiUrl}${path}`, { method, body, headers }).then(async (response) => ({
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: (await response.json()) as { error: string; message: string; issues?: unknown[] },
  }));

describe('ids in the path follow the rules of ids in the body', () => {
  it.each([
    ['a path traversal', '..%2Fx'],
    ['an encoded #', 'x%23b'],
    ['a 200-character id', 'a'.repeat(200)],
    ['a space', 'ana%20garcia'],
  ])('refuses %s as a customer id with 400', async (_, id) => {
    const response = await local.api.put(`/customers/${id}`, { name: { given: 'X' } });

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'invalid-input',
      message: "the path parameter 'customerId' is not valid",
    });
    await expectNothingWritten();
  });

  it('answers 400, not 500, to malformed percent-encoding', async () => {
    const response = await local.api.get('/customers/%E0%A4%A');

    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      "the path parameter 'customerId' is not valid percent-encoding",
    );
  });

  it('holds external ids in the path to the same rules', async () => {
    expect((await local.api.get('/customers/by-external-id/POS/P-1001')).status).toBe(400);
    expect((await local.api.get('/customers/by-external-id/pos/%20P-1001')).status).toBe(400);
    expect((await local.api.get('/customers/by-external-id/pos/P-1001')).status).toBe(200);
  });

  it('refuses an unknown channel in the consent path', async () => {
    const response = await local.api.put('/customers/ana-garcia/consent/pigeon', {
      status: 'granted',
      source: 'x',
    });

    expect(response.status).toBe(400);
    await expectNothingWritten();
  });
});

describe('bodies', () => {
  it('refuses a key named __proto__ with 400 and says why, writing nothing', async () => {
    const body = `{"id":"proto-1","customer":{"id":"ana-garcia"},"type":"visit","touchpoint":"store","occurredAt":"2026-11-23T15:00:00-05:00","metadata":{"__proto__":{"admin":true}}}`;
    const response = await local.api.post('/interactions', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'invalid-input',
      message: expect.stringContaining('__proto__'),
    });
    const view = await local.api.get('/customers/ana-garcia');
    expect(view.body.timeline).toMatchObject({ interactions: [] });
  });

  it('answers 415 with a JSON body when the content type is not JSON', async () => {
    const response = await raw('POST', '/customers', JSON.stringify(anaInput()), {
      'content-type': 'text/plain',
    });

    expect(response.status).toBe(415);
    expect(response.contentType).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      error: 'unsupported-media-type',
      message: 'send the body as JSON with the header content-type: application/json',
    });
    await expectNothingWritten();
  });

  it('refuses a misspelled nested field instead of storing a customer without an email', async () => {
    const response = await local.api.post('/customers', {
      ...anaInput(),
      id: 'typo',
      contact: { emial: 'x@example.com' },
    });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.issues)).toContain('emial');
    await expectNothingWritten();
  });

  it('refuses numbers DynamoDB would refuse with 400, not 500', async () => {
    for (const value of ['1e300', '1e-200', '9007199254740993']) {
      const response = await raw(
        'POST',
        '/customers',
        `{"name":{"given":"N"},"attributes":{"score":${value}}}`,
        { 'content-type': 'application/json' },
      );
      expect(response.status).toBe(400);
    }
    await expectNothingWritten();
  });

  it('refuses an occurredAt in the future beyond a day of clock skew', async () => {
    const response = await local.api.post('/interactions', {
      ...visitInput(),
      id: 'from-the-future',
      occurredAt: '2026-11-26T10:00:00Z',
    });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.issues)).toContain('is in the future');
    await expectNothingWritten();
  });

  it('refuses a header-injecting name and a whitespace-only name', async () => {
    const injected = await local.api.post('/customers', {
      name: { given: 'Ana\r\nBcc: all@example.com' },
    });
    const blank = await local.api.post('/customers', { name: { given: ' \t ' } });

    expect([injected.status, blank.status]).toEqual([400, 400]);
    await expectNothingWritten();
  });

  it('refuses a negative purchase amount', async () => {
    const response = await local.api.post('/interactions', {
      ...visitInput(),
      id: 'negative',
      type: 'purchase',
      amount: { value: -100, currency: 'COP' },
    });

    expect(response.status).toBe(400);
    await expectNothingWritten();
  });
});

describe('routes', () => {
  it('answers an unknown route with 404 and a wrong method with 405, both with a JSON body', async () => {
    const unknown = await raw('GET', '/no/such/route');
    const wrongMethod = await raw('DELETE', '/customers/ana-garcia');

    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('not-found');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.message).toBe('/customers/ana-garcia answers PUT, GET, not DELETE');
  });
});
