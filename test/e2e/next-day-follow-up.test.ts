import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { apiClient, startTestRuntime } from '../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../support/services.ts';

/**
 * The walking skeleton end to end, as a newcomer drives it: HTTP in, the local clock moved over
 * HTTP, the email read from the local SES outbox over HTTP.
 */
describe('next-day follow-up, end to end on the local runtime', () => {
  const sesUrl = inject('sesUrl');
  const email = uniqueAddress('ana');
  let runtime: LocalRuntime;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    // The touchpoint posts the visit a few seconds after it happened, at 15:00 in Bogota.
    runtime = await startTestRuntime(new Date('2026-11-23T15:00:05-05:00'));
    api = apiClient(runtime.apiUrl);
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it('sends one email at 10:00 Bogota time the next day, even when the interaction is posted three times', async () => {
    const customer = { ...anaInput(), contact: { email } };
    const interaction = { ...visitInput(), occurredAt: '2026-11-23T15:00:00-05:00' };
    expect((await api.post('/customers', customer)).status).toBe(201);

    const posts = [];
    for (let i = 0; i < 3; i++) posts.push(await api.post('/interactions', interaction));

    expect(posts.map((p) => p.status)).toEqual([201, 200, 200]);

    const beforeTen = await api.post('/_local/clock', { to: '2026-11-24T09:59:00-05:00' });
    expect(beforeTen.body).toMatchObject({ now: '2026-11-24T14:59:00.000Z', fired: [] });
    expect(await sentEmails(sesUrl, email)).toEqual([]);

    const atTen = await api.post('/_local/clock', { to: '2026-11-24T10:00:00-05:00' });
    expect(atTen.body.fired).toEqual([
      expect.objectContaining({
        dueAt: '2026-11-24T15:00:00.000Z',
        outcome: 'completed',
        result: expect.objectContaining({ status: 'sent' }),
      }),
    ]);
    const mail = await sentEmails(sesUrl, email);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({
      from: '"Rapport" <rapport@example.com>',
      subject: 'Ana, ¿cómo le fue?',
    });
    expect(mail[0]?.body.text).toContain('Gracias por su visita del 23 de noviembre de 2026.');
    expect(mail[0]?.body.text).toContain('Luis Pérez');

    await api.post('/_local/clock', { advance: '3d' });
    expect(await sentEmails(sesUrl, email)).toHaveLength(1);

    const view = await api.get('/customers/ana-garcia');
    expect((view.body.timeline as { messages: unknown[] }).messages).toEqual([
      expect.objectContaining({
        status: 'sent',
        to: email,
        locale: 'es',
        createdAt: '2026-11-24T15:00:00.000Z',
      }),
    ]);
  });
});
