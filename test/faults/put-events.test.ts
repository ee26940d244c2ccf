import { describe, expect, it } from 'vitest';
import { EVENT_SOURCE } from '../../core/events/registry.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { uniqueAddress } from '../support/services.ts';
import { type Injected, putEventsFailingTwoInThree } from './inject.ts';

/**
 * PutEvents fails, again and again, after every kind of write that produces events: registration,
 * profile update, consent, interaction, planning, sending. Because events are written with the
 * change (the outbox) and published from the table's stream with partial batch responses, every
 * event still reaches the bus, and exactly once per id.
 */
describe('PutEvents failing after every write path', () => {
  const email = uniqueAddress('outbox');
  let putEvents: Injected | undefined;
  const local = useTestRuntime(new Date('2026-11-23T20:00:05Z'), undefined, {
    wrap: {
      eventBridge: (client) => {
        const faulty = putEventsFailingTwoInThree(client);
        putEvents = faulty;
        return faulty;
      },
    },
  });

  it('delivers every event once: none lost, none twice', async () => {
    const { api, runtime } = local;
    const { consent: _consent, ...profile } = anaInput();
    expect((await api.post('/customers', { ...anaInput(), contact: { email } })).status).toBe(201);
    expect(
      (await api.put('/customers/ana-garcia', { ...profile, contact: { email } })).status,
    ).toBe(200);
    expect(
      (await api.put('/customers/ana-garcia/consent/sms', { status: 'granted', source: 'pos' }))
        .status,
    ).toBe(200);
    expect((await api.post('/interactions', visitInput())).status).toBe(201);
    await runtime.advanceTo(new Date('2026-11-24T15:00:00Z'));

    // Rapport's own events; SES's delivery events come from another source (the default bus on AWS).
    const ours = runtime.bus.recent.filter((event) => event.source === EVENT_SOURCE);
    const published = ours.map((event) => event.id);
    const types = ours.map((event) => event.type);
    expect(types.sort()).toEqual([
      'action.scheduled',
      'consent.changed',
      'consent.changed',
      'customer.registered',
      'customer.updated',
      'interaction.recorded',
      'message.sent',
    ]);
    expect(new Set(published).size).toBe(published.length);
    // Every call that went through was preceded by two that failed.
    const failures = putEvents?.failures() ?? 0;
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBe(2 * ((putEvents?.calls() ?? 0) - failures));
    expect(runtime.stream.deadLetters).toEqual([]);
  });
});
