import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { apiClient, startTestRuntime } from '../support/runtime.ts';

let runtime: LocalRuntime;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  runtime = await startTestRuntime(new Date('2026-11-23T20:00:00Z'));
  api = apiClient(runtime.apiUrl);
  expect((await api.post('/customers', anaInput())).status).toBe(201);
});

afterAll(async () => {
  await runtime?.stop();
});

describe('ingest API over HTTP', () => {
  it('registers a customer with a generated id and reads it back with its timeline', async () => {
    const { id: _id, externalIds: _ext, ...input } = anaInput();

    const created = await api.post('/customers', input);
    const read = await api.get(`/customers/${String(created.body.id)}`);

    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/customers/${String(created.body.id)}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      customer: { name: { given: 'Ana' } },
      timeline: { interactions: [], messages: [] },
    });
  });

  it('answers 400 with the zod issues and writes nothing for a bad customer', async () => {
    const bad = {
      ...anaInput(),
      id: 'bad-customer',
      timeZone: 'Mars/Olympus',
      contact: { email: 'nope' },
    };

    const response = await api.post('/customers', bad);

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid-input' });
    const paths = (response.body.issues as { path: string[] }[]).map((issue) =>
      issue.path.join('.'),
    );
    expect(paths.sort()).toEqual(['contact.email', 'timeZone']);
    expect((await api.get('/customers/bad-customer')).status).toBe(404);
  });

  it('answers 409 when the customer id already exists', async () => {
    const response = await api.post('/customers', anaInput());

    expect(response.status).toBe(409);
    expect(response.body.message).toMatch(/already exists; use PUT/);
  });

  it('replaces a customer with PUT and finds them by external id', async () => {
    const { consent: _consent, ...profile } = anaInput();
    const replaced = await api.put('/customers/ana-garcia', {
      ...profile,
      attributes: { segment: 'vip' },
    });
    const byExternal = await api.get('/customers/by-external-id/call-centre/CC-77');

    expect(replaced.status).toBe(200);
    expect(byExternal.body).toMatchObject({
      customer: { id: 'ana-garcia', attributes: { segment: 'vip' } },
    });
  });

  it('records an interaction once: a replay returns the first result and adds nothing', async () => {
    const interaction = { ...visitInput(), id: 'int-replay' };

    const first = await api.post('/interactions', interaction);
    const replay = await api.post('/interactions', interaction);
    const view = await api.get('/customers/ana-garcia');

    expect(first.status).toBe(201);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const ids = (view.body.timeline as { interactions: { id: string }[] }).interactions.map(
      (i) => i.id,
    );
    expect(ids.filter((id) => id === 'int-replay')).toHaveLength(1);
  });

  // Found by the property suite: the SDK took {"constructor": {}} for a class instance (a 500).
  it('stores metadata whose keys are the names of object properties', async () => {
    const metadata = { constructor: {}, __proto__x: 1, toString: 'x' };
    const interaction = { ...visitInput(), id: 'int-odd-keys', metadata };

    const first = await api.post('/interactions', interaction);
    const replay = await api.post('/interactions', interaction);

    expect(first.status).toBe(201);
    expect(first.body.metadata).toEqual(metadata);
    expect(replay.status).toBe(200);
  });

  it('answers 409 when an interaction id is reused for different content', async () => {
    await api.post('/interactions', { ...visitInput(), id: 'int-reused' });

    const response = await api.post('/interactions', {
      ...visitInput(),
      id: 'int-reused',
      type: 'purchase',
    });

    expect(response.status).toBe(409);
  });

  it('accepts an interaction that names the customer by an external id', async () => {
    const response = await api.post('/interactions', {
      ...visitInput(),
      id: 'int-by-pos',
      customer: { system: 'pos', externalId: 'P-1001' },
    });

    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ customerId: 'ana-garcia' });
  });

  it('answers 404 for an unknown customer and writes nothing', async () => {
    const response = await api.post('/interactions', {
      ...visitInput(),
      id: 'int-orphan',
      customer: { id: 'nobody' },
    });

    expect(response.status).toBe(404);
    expect(response.body.message).toMatch(
      /customer 'nobody' was not found: register the customer first/,
    );
    expect(
      (await api.post('/customers', { ...anaInput(), id: 'nobody', externalIds: {} })).status,
    ).toBe(201);
    expect(
      (
        await api.post('/interactions', {
          ...visitInput(),
          id: 'int-orphan',
          customer: { id: 'nobody' },
        })
      ).status,
    ).toBe(201);
  });

  it('answers 400 for malformed JSON and 415 for a body that is not JSON', async () => {
    const malformed = await api.post('/interactions', '{"id": ');
    const notJson = await api.post('/interactions', 'id=1', { 'content-type': 'text/plain' });

    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ error: 'invalid-json' });
    expect(notJson.status).toBe(415);
  });

  it('records a consent change with its source and caller, and publishes it', async () => {
    const response = await api.put('/customers/ana-garcia/consent/email', {
      status: 'denied',
      source: 'unsubscribe-link',
    });
    await runtime.settle();

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      consent: {
        email: {
          status: 'denied',
          source: 'unsubscribe-link',
          at: '2026-11-23T20:00:00.000Z',
          by: 'arn:aws:iam::000000000000:user/local',
        },
      },
    });
    expect(runtime.bus.recent.map((event) => event.type)).toContain('consent.changed');
  });

  it('refuses an unknown channel for consent', async () => {
    const response = await api.put('/customers/ana-garcia/consent/pigeon', {
      status: 'granted',
      source: 'x',
    });

    expect(response.status).toBe(400);
  });

  it('answers 404 for an unknown route and 405, with Allow, for a known path', async () => {
    expect((await api.get('/nothing-here')).status).toBe(404);
    const wrongMethod = await api.post('/customers/ana-garcia', {});
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('PUT, GET');
  });
});
