import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../workflows/catalog-loader.ts';
import { workflowCopies, writeTemplate } from '../../support/workflow-copy.ts';

const copies = workflowCopies();
afterEach(() => copies.cleanUp());

/** An automation file for `customer.registered` that sends `template`. */
function automation(id: string, action: string, category = 'service'): string {
  return `id: ${id}\ndescription: x\nowner: ops\nenabled: true\ncategory: ${category}\ntrigger: { event: customer.registered }\ndelay: { kind: none }\naction: { kind: send-message, ${action} }\n`;
}

function withAutomation(id: string, action: string, template: string, category?: string) {
  const dir = copies.copy();
  writeTemplate(dir, id, template);
  writeFileSync(join(dir, 'automations', `${id}.yaml`), automation(id, action, category));
  return dir;
}

describe('template checks for the messaging rules', () => {
  it('refuses an SMS longer than the allowed segments, and names the character that made it UCS-2', () => {
    const long = `Hola {{ customer.firstName }}, ¿cómo está? ${'Gracias por su visita. '.repeat(9)}`;
    const dir = withAutomation('welcome', 'channel: sms, template: welcome', `sms: "${long}"\n`);

    expect(() => loadCatalog(dir)).toThrowError(
      /templates\/welcome\/en\.yaml: the sms is \d+ characters with the sample, 4 segments; at most 3 are allowed \('ó' is not in the GSM-7 alphabet/,
    );
  });

  it('accepts the same length in GSM-7, which fits more per segment', () => {
    const long = `Hello {{ customer.firstName }}, how are you? ${'Thanks for your visit. '.repeat(9)}`;
    const dir = withAutomation('welcome', 'channel: sms, template: welcome', `sms: "${long}"\n`);

    expect(loadCatalog(dir).automation('welcome')?.action).toMatchObject({ channel: 'sms' });
  });

  it('refuses an SMS template with a missing variable', () => {
    const dir = withAutomation(
      'welcome',
      'channel: sms, template: welcome',
      'sms: "Hi {{ customer.nickname }}"\n',
    );

    expect(() => loadCatalog(dir)).toThrowError(/welcome\/en\.yaml: uses 'customer\.nickname'/);
  });

  it("refuses an automation whose channel's part the template lacks", () => {
    const dir = withAutomation(
      'welcome',
      'channel: sms, template: welcome',
      'subject: Hi\ntext: Hi\n',
    );

    expect(() => loadCatalog(dir)).toThrowError(
      /welcome\/en\.yaml: automation 'welcome' \(automations\/welcome\.yaml\) sends on sms; add the 'sms' part/,
    );
  });

  it("refuses a marketing email without the customer's preferences link", () => {
    const dir = withAutomation(
      'offer',
      'channel: email, template: offer, topic: news',
      'subject: An offer\ntext: "20% off, {{ customer.firstName }}"\n',
      'marketing',
    );

    expect(() => loadCatalog(dir)).toThrowError(
      /offer\/en\.yaml: a marketing email must carry the customer's preferences link/,
    );
  });

  it('refuses marketing without a declared topic, listing the topics', () => {
    const body = 'subject: An offer\ntext: "Change what you receive: {{ links.preferences }}"\n';
    const untopical = withAutomation('offer', 'channel: email, template: offer', body, 'marketing');
    expect(() => loadCatalog(untopical)).toThrowError(
      /automations\/offer\.yaml: a marketing automation needs action\.topic, one of: news, events/,
    );

    const unknown = withAutomation(
      'offer',
      'channel: email, template: offer, topic: gossip',
      body,
      'marketing',
    );
    expect(() => loadCatalog(unknown)).toThrowError(/action\.topic 'gossip' is not declared/);

    const good = withAutomation(
      'offer',
      'channel: email, template: offer, topic: news',
      body,
      'marketing',
    );
    expect(loadCatalog(good).automation('offer')?.category).toBe('marketing');
  });
});
