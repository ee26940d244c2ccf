import { Catalog } from '../../core/catalog/catalog.ts';

/** A minimal automation file, as marketing ops would write it; override any field. */
export function anAutomation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'test-follow-up',
    description: 'A follow-up used by tests',
    owner: 'tests',
    enabled: true,
    category: 'service',
    trigger: { event: 'interaction.recorded' },
    conditions: [],
    delay: { kind: 'next-day-at', time: '10:00' },
    action: { kind: 'send-message', channel: 'email', template: 'hello' },
    ...overrides,
  };
}

/** A catalog of the given automations and one template, `hello`, in English. */
export function testCatalog(automations: readonly Record<string, unknown>[]): Catalog {
  return Catalog.build(
    {
      automations: automations.map((data, index) => ({
        file: `automations/test-${index}.yaml`,
        data,
      })),
      templates: [
        {
          file: 'templates/hello/en.yaml',
          templateId: 'hello',
          locale: 'en',
          data: { subject: 'Hello {{ customer.firstName }}', text: 'Hi {{ customer.firstName }}.' },
        },
      ],
    },
    { fallbackLocale: 'en', senderName: 'Rapport' },
  );
}
