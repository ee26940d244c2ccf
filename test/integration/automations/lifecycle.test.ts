import { describe, expect, it } from 'vitest';
import { anaInput, visitInput } from '../../support/builders.ts';
import { anAutomation, testCatalog } from '../../support/catalogs.ts';
import { useTestRuntime } from '../../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../../support/services.ts';

const nextDay = anAutomation({ id: 'test-follow-up' });
// Due ten minutes after the visit: armed on the dispatch queue, not with a schedule.
const soon = anAutomation({
  id: 'test-soon',
  conditions: [{ fact: 'interaction.type', op: 'equals', value: 'call' }],
  delay: { kind: 'after', duration: 'PT10M' },
});

describe('enabling and disabling an automation while its actions are in flight', () => {
  const ana = uniqueAddress('ana');
  const local = useTestRuntime(
    new Date('2026-11-23T20:00:05Z'),
    async ({ api }) => {
      const input = { ...anaInput(), contact: { email: ana } };
      expect((await api.post('/customers', input)).status).toBe(201);
    },
    { catalog: testCatalog([nextDay, soon]) },
  );

  const decisionsOf = async (automationId: string) =>
    (await local.api.get(`/customers/ana-garcia/decisions?automation=${automationId}`)).body
      .decisions as Record<string, unknown>[];

  it('lists the deployed automations with the file deciding until someone switches one', async () => {
    const listed = await local.api.get('/automations');

    expect(listed.status).toBe(200);
    expect(listed.body.automations).toEqual([
      expect.objectContaining({ id: 'test-follow-up', enabled: true, enabledBy: 'file' }),
      expect.objectContaining({ id: 'test-soon', enabled: true, enabledBy: 'file' }),
    ]);
    expect((await local.api.get('/automations/no-such-thing')).status).toBe(404);
    expect(
      (await local.api.put('/automations/test-follow-up/enabled', { enabled: 'no' })).status,
    ).toBe(400);
  });

  it('skips, with the reason, actions that fire after their automation was disabled', async () => {
    const { runtime, api } = local;
    expect((await api.post('/interactions', { ...visitInput(), id: 'visit-1' })).status).toBe(201);
    const call = {
      ...visitInput(),
      id: 'call-1',
      type: 'call',
      occurredAt: '2026-11-23T20:00:00Z',
    };
    expect((await api.post('/interactions', call)).status).toBe(201);
    await runtime.settle();
    expect((await runtime.scheduler.pending()).length).toBeGreaterThan(0);

    for (const id of ['test-follow-up', 'test-soon']) {
      const off = await api.put(`/automations/${id}/enabled`, {
        enabled: false,
        by: 'ops@example.com',
        reason: 'copy under review',
      });
      expect(off.status).toBe(200);
      expect(off.body).toMatchObject({ enabled: false, enabledBy: 'switch' });
    }
    await runtime.advanceTo(new Date('2026-11-24T16:00:00Z'));

    expect(await sentEmails(runtime.sesUrl, ana)).toHaveLength(0);
    const skipped = expect.objectContaining({ outcome: 'skipped', reason: 'automation-disabled' });
    // The visit and the call both triggered the next-day follow-up; the call also the quick one.
    expect(await decisionsOf('test-follow-up')).toEqual([skipped, skipped]);
    expect(await decisionsOf('test-soon')).toEqual([skipped]);
  });

  it('plans again for new events once re-enabled, and keeps who changed it and when', async () => {
    const { runtime, api } = local;
    const on = await api.put('/automations/test-follow-up/enabled', {
      enabled: true,
      by: 'lead@example.com',
    });
    expect(on.status).toBe(200);
    const visit = { ...visitInput(), id: 'visit-2', occurredAt: '2026-11-24T10:30:00-05:00' };
    expect((await api.post('/interactions', visit)).status).toBe(201);

    await runtime.advanceTo(new Date('2026-11-25T16:00:00Z'));

    expect(await sentEmails(runtime.sesUrl, ana)).toHaveLength(1);
    const shown = await api.get('/automations/test-follow-up');
    expect(shown.body).toMatchObject({ enabled: true, enabledBy: 'switch' });
    expect(shown.body.history).toEqual([
      expect.objectContaining({
        enabled: true,
        by: 'lead@example.com',
        at: '2026-11-24T16:00:00.000Z',
      }),
      expect.objectContaining({
        enabled: false,
        by: 'ops@example.com',
        reason: 'copy under review',
      }),
    ]);
    expect((shown.body.definition as Record<string, unknown>).delay).toEqual(nextDay.delay);
  });
});
