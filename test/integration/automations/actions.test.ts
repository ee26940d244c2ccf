import { describe, expect, it } from 'vitest';
import { Catalog } from '../../../core/catalog/catalog.ts';
import { anaInput, visitInput } from '../../support/builders.ts';
import { anAutomation } from '../../support/catalogs.ts';
import { useTestRuntime } from '../../support/runtime.ts';

const onType = (type: string) => [{ fact: 'interaction.type', op: 'equals', value: type }];
const catalog = Catalog.build(
  {
    automations: [
      anAutomation({
        id: 'test-alert',
        conditions: onType('complaint'),
        delay: { kind: 'none' },
        action: { kind: 'alert-owner', channel: 'phone', template: 'call-them' },
      }),
      anAutomation({
        id: 'test-mark',
        conditions: onType('event-attendance'),
        delay: { kind: 'none' },
        action: { kind: 'set-attribute', attribute: 'attendedEvent', value: true },
      }),
    ].map((data, index) => ({ file: `automations/${index}.yaml`, data })),
    templates: [
      {
        file: 'templates/call-them/en.yaml',
        templateId: 'call-them',
        locale: 'en',
        data: { task: 'Call {{ customer.fullName }} about their complaint.' },
      },
    ],
    attributes: {
      file: 'attributes.yaml',
      data: {
        attributes: {
          attendedEvent: { type: 'boolean', description: 'came to an event', example: true },
          birthMonth: { type: 'number', description: 'drip answer', example: 4 },
        },
      },
    },
  },
  { fallbackLocale: 'en', senderName: 'Rapport' },
);

describe('actions other than a message, on the local runtime', () => {
  const local = useTestRuntime(
    new Date('2026-11-23T20:00:05Z'),
    async ({ api }) => {
      expect((await api.post('/customers', anaInput())).status).toBe(201);
    },
    { catalog },
  );
  const record = async (id: string, type: string) => {
    const response = await local.api.post('/interactions', { ...visitInput(), id, type });
    expect(response.status).toBe(201);
    await local.runtime.settle();
  };
  const learned = async () =>
    ((await local.api.get('/customers/ana-garcia')).body.customer as Record<string, unknown>)
      .learned;

  it("gives the customer's owner a task to call, without a message to the customer", async () => {
    await record('complaint-1', 'complaint');

    const tasks = (await local.api.get('/owners/rep-7/tasks')).body.tasks;
    expect(tasks).toEqual([
      expect.objectContaining({
        automationId: 'test-alert',
        channel: 'phone',
        text: 'Call Ana García about their complaint.',
        status: 'open',
      }),
    ]);
  });

  it('writes a Rapport-owned attribute that a profile PUT does not clobber', async () => {
    await record('event-1', 'event-attendance');
    expect(await learned()).toEqual({ attendedEvent: true });

    const { consent: _consent, ...profile } = anaInput();
    const replaced = await local.api.put('/customers/ana-garcia', { ...profile, attributes: {} });
    expect(replaced.status).toBe(200);

    expect(await learned()).toEqual({ attendedEvent: true });
    const decisions = (await local.api.get('/customers/ana-garcia/decisions?automation=test-mark'))
      .body.decisions;
    expect(decisions).toEqual([
      expect.objectContaining({ outcome: 'done', reason: 'set attendedEvent' }),
    ]);
  });

  it('stores drip answers as Rapport-owned attributes, refusing undeclared or mistyped ones', async () => {
    const bad = await local.api.post('/customers/ana-garcia/answers', {
      answers: { birthMonth: 'April', shoeSize: 38 },
    });
    expect(bad.status).toBe(400);

    const good = await local.api.post('/customers/ana-garcia/answers', {
      answers: { birthMonth: 4 },
    });
    expect(good.status).toBe(200);
    expect(await learned()).toEqual({ attendedEvent: true, birthMonth: 4 });
  });
});
