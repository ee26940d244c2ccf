import type { Customer } from '../core/customer/customer.ts';
import { renderContext } from '../core/messaging/render-context.ts';

/**
 * A customer with every field filled, used to render each template once at load time: a template
 * that names a variable this context lacks fails validation instead of a customer's email.
 */
export function sampleRenderContext(): Record<string, unknown> {
  const customer: Customer = {
    id: 'sample-customer',
    externalIds: { pos: 'P-1' },
    name: { given: 'Ana', family: 'García' },
    locale: 'es-CO',
    timeZone: 'America/Bogota',
    contact: { email: 'ana@example.com', phone: '+573001234567' },
    channelPreferences: ['email'],
    consent: { email: { status: 'granted', source: 'sample', at: '2026-01-01T00:00:00.000Z' } },
    owner: { id: 'rep-1', name: 'Luis Pérez', email: 'luis@example.com' },
    attributes: {},
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  return renderContext({
    customer,
    automationId: 'sample',
    sender: { name: 'Rapport' },
    trigger: {
      event: 'interaction.recorded',
      interaction: {
        id: 'sample-interaction',
        type: 'visit',
        touchpoint: 'store',
        occurredAt: '2026-01-01T15:00:00.000Z',
        localDate: '1 de enero de 2026',
        agentName: 'Marta',
      },
    },
  });
}
