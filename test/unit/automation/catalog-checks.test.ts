import { describe, expect, it } from 'vitest';
import { Catalog } from '../../../core/catalog/catalog.ts';
import { CatalogError } from '../../../core/errors.ts';
import { loadCatalog } from '../../../workflows/catalog-loader.ts';
import { anAutomation } from '../../support/catalogs.ts';

const templates = [
  {
    file: 'templates/hello/en.yaml',
    templateId: 'hello',
    locale: 'en',
    data: { subject: 'Hello {{ customer.firstName }}', text: 'Hi.' },
  },
];
const attributes = {
  file: 'attributes.yaml',
  data: {
    attributes: {
      warrantyExpiresOn: { type: 'date', description: 'warranty end', example: '2027-03-15' },
      segment: { type: 'string', description: 'segment', example: 'retail' },
    },
  },
};

function problemsOf(automation: Record<string, unknown>): string {
  try {
    Catalog.build(
      { automations: [{ file: 'automations/a.yaml', data: automation }], templates, attributes },
      { fallbackLocale: 'en', senderName: 'Rapport' },
    );
    return '';
  } catch (error) {
    if (error instanceof CatalogError) return error.message;
    throw error;
  }
}

describe('checking the automation format beyond its schema', () => {
  it('accepts every shipped automation, and the seeds are there', () => {
    const ids = loadCatalog().automations.map((automation) => automation.id);

    expect(ids).toEqual(
      expect.arrayContaining([
        'warranty-expiry-reminder',
        'event-follow-up',
        'drip-profile-questions',
        'win-back',
        'declining-owner-alert',
      ]),
    );
  });

  it('refuses a set-attribute of an undeclared attribute, with the fix', () => {
    expect(
      problemsOf(
        anAutomation({ action: { kind: 'set-attribute', attribute: 'vip', value: true } }),
      ),
    ).toContain("action.attribute 'vip' is not declared in attributes.yaml");
  });

  it('refuses a value of the wrong type for a declared attribute', () => {
    expect(
      problemsOf(
        anAutomation({ action: { kind: 'set-attribute', attribute: 'segment', value: 3 } }),
      ),
    ).toContain("action.value must be a string, as attributes.yaml declares 'segment'");
  });

  it('refuses a workflow that is not declared', () => {
    expect(
      problemsOf(anAutomation({ action: { kind: 'start-workflow', workflow: 'teleport' } })),
    ).toContain("action.workflow 'teleport' is not a declared workflow");
  });

  it('refuses a before-date delay on a field that is not a declared date', () => {
    const beforeDate = (field: string) =>
      anAutomation({ delay: { kind: 'before-date', field, days: 30, time: '10:00' } });

    expect(problemsOf(beforeDate('customer.attributes.segment'))).toContain(
      'must be declared with type: date',
    );
    expect(problemsOf(beforeDate('customer.attributes.birthday'))).toContain(
      "delay.field 'customer.attributes.birthday' does not exist",
    );
    expect(problemsOf(beforeDate('customer.attributes.warrantyExpiresOn'))).toBe('');
  });

  it('refuses exit and goal conditions their events cannot provide', () => {
    const message = problemsOf(
      anAutomation({
        exit: [
          { event: 'customer.lapsed', conditions: [{ fact: 'interaction.type', op: 'exists' }] },
        ],
      }),
    );

    expect(message).toContain("exit.0.conditions.0.fact 'interaction.type' does not exist");
  });

  it('refuses a holdout without a goal to measure', () => {
    expect(problemsOf(anAutomation({ holdout: 0.1 }))).toContain(
      'holdout 0.1 measures nothing without a goal',
    );
  });

  it('refuses an owner alert whose template has no task part', () => {
    expect(
      problemsOf(
        anAutomation({ action: { kind: 'alert-owner', channel: 'visit', template: 'hello' } }),
      ),
    ).toContain("alerts the owner; add the 'task' part");
  });
});
