import { describe, expect, it } from 'vitest';
import { anaInput, visitInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';

describe('late events are visible on the timeline', () => {
  const local = useTestRuntime(new Date('2026-11-23T20:00:00Z'), async ({ api }) => {
    expect((await api.post('/customers', anaInput())).status).toBe(201);
  });

  it('records a follow-up whose due time had passed as expired, with the reason, over HTTP', async () => {
    // A visit three days ago, imported today: "next day at 10:00" was two days ago.
    const late = { ...visitInput(), id: 'imported-visit', occurredAt: '2026-11-20T15:00:00-05:00' };
    expect((await local.api.post('/interactions', late)).status).toBe(201);
    await local.runtime.settle();

    const view = await local.api.get('/customers/ana-garcia');

    expect((view.body.timeline as { messages: unknown[] }).messages).toEqual([
      expect.objectContaining({
        automationId: 'next-day-follow-up',
        status: 'expired',
        reason:
          'due-time-passed: due 2026-11-21T15:00:00.000Z, but the event was evaluated at 2026-11-23T20:00:00.000Z',
      }),
    ]);
    expect((await local.api.get('/_local/schedules')).body).toEqual([]);
  });
});
