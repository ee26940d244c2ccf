import { describe, expect, it } from 'vitest';
import { anaInput, visitInput } from '../../support/builders.ts';
import { anAutomation, testCatalog } from '../../support/catalogs.ts';
import { useTestRuntime } from '../../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../../support/services.ts';

const purchase = [{ fact: 'interaction.type', op: 'equals', value: 'purchase' }];
/** A win-back in miniature: a visit starts it, a purchase ends it and counts as its goal. */
const winBack = anAutomation({
  id: 'test-win-back',
  conditions: [{ fact: 'interaction.type', op: 'equals', value: 'visit' }],
  delay: { kind: 'after', duration: 'P3D' },
  reentry: { kind: 'never' },
  exit: [{ event: 'interaction.recorded', conditions: purchase }],
  goal: { event: 'interaction.recorded', conditions: purchase, within: 'P60D' },
});

describe('entry, exit and goal of an automation on the local runtime', () => {
  const ana = uniqueAddress('ana');
  const local = useTestRuntime(
    new Date('2026-11-23T20:00:05Z'),
    async ({ api }) => {
      expect(
        (await api.post('/customers', { ...anaInput(), contact: { email: ana } })).status,
      ).toBe(201);
    },
    { catalog: testCatalog([winBack]) },
  );
  const decisions = async () =>
    (await local.api.get('/customers/ana-garcia/decisions?automation=test-win-back')).body
      .decisions as Record<string, unknown>[];
  const record = async (id: string, type: string, occurredAt: string) => {
    const response = await local.api.post('/interactions', {
      ...visitInput(),
      id,
      type,
      occurredAt,
    });
    expect(response.status).toBe(201);
    await local.runtime.settle();
  };

  it('lets a customer enter once when re-entry is never, and says why the second time', async () => {
    await record('visit-1', 'visit', '2026-11-23T19:00:00Z');
    await record('visit-2', 'visit', '2026-11-23T19:30:00Z');

    expect(await decisions()).toEqual([
      expect.objectContaining({
        outcome: 'skipped',
        reason: expect.stringMatching(/^reentry: never \(entered 2026-11-23T20:00:05/),
      }),
    ]);
    expect((await local.runtime.scheduler.pending()).map((entry) => entry.dueAt)).toEqual([
      '2026-11-26T19:00:00.000Z',
    ]);
  });

  it('cancels the pending action when the customer buys, counts the conversion once, and sends nothing', async () => {
    await local.runtime.advanceTo(new Date('2026-11-24T12:00:00Z'));
    await record('purchase-1', 'purchase', '2026-11-24T11:00:00Z');
    await record('purchase-2', 'purchase', '2026-11-24T11:30:00Z');

    expect(await local.runtime.scheduler.pending()).toEqual([]);
    expect((await decisions())[0]).toMatchObject({
      outcome: 'skipped',
      reason: 'exited: interaction.recorded (interaction.recorded:purchase-1)',
    });
    const report = await local.api.get('/automations/test-win-back/report');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      entered: 1,
      heldOut: 0,
      treatment: { entered: 1, converted: 1, rate: 1 },
      holdout: { entered: 0, converted: 0, rate: null },
    });

    await local.runtime.advanceTo(new Date('2026-11-28T00:00:00Z'));
    expect(await sentEmails(local.runtime.sesUrl, ana)).toHaveLength(0);
  });
});
