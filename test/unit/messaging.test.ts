import { describe, expect, it } from 'vitest';
import type { Customer } from '../../core/customer/customer-view.ts';
import { decideDelivery } from '../../core/messaging/delivery.ts';
import { renderContext } from '../../core/messaging/render-context.ts';
import { CompiledTemplate, pickLocale } from '../../core/messaging/template.ts';
import { loadCatalog } from '../../workflows/catalog-loader.ts';
import { aCustomer } from '../support/builders.ts';

const sendEmail = {
  kind: 'send-message',
  channel: 'email',
  template: 'next-day-follow-up',
} as const;
const granted = {
  status: 'granted',
  source: 'web-form',
  at: '2026-11-01T15:00:00.000Z',
  by: 'pos',
} as const;

describe('decideDelivery', () => {
  it('delivers by email to a customer who consented and has an address', () => {
    expect(decideDelivery(aCustomer(), sendEmail)).toEqual({
      kind: 'deliver',
      channel: 'email',
      address: 'ana@example.com',
    });
  });

  it('suppresses when there is no consent on record for the channel (opt-in)', () => {
    expect(decideDelivery(aCustomer({ consent: {} }), sendEmail)).toEqual({
      kind: 'suppress',
      reason: 'no-consent',
    });
  });

  it('suppresses when the customer withdrew consent', () => {
    const customer = aCustomer({ consent: { email: { ...granted, status: 'denied' } } });

    expect(decideDelivery(customer, sendEmail)).toEqual({
      kind: 'suppress',
      reason: 'consent-denied',
    });
  });

  it('suppresses when there is no address', () => {
    expect(decideDelivery(aCustomer({ contact: {} }), sendEmail)).toEqual({
      kind: 'suppress',
      reason: 'no-address',
    });
  });
});

describe('templates', () => {
  it('picks the exact locale, then the language, then the fallback', () => {
    expect(pickLocale(['en', 'es', 'es-CO'], 'es-CO', 'en')).toBe('es-CO');
    expect(pickLocale(['en', 'es'], 'es-MX', 'en')).toBe('es');
    expect(pickLocale(['en', 'es'], 'pt-BR', 'en')).toBe('en');
    expect(pickLocale(['es'], 'pt-BR', 'en')).toBeUndefined();
  });

  it('escapes customer data in HTML but not in the plain-text part', () => {
    const template = new CompiledTemplate('t', 'en', {
      subject: 'Hi {{ name }}',
      text: 'Hi {{ name }}',
      html: '<p>Hi {{ name }}</p>',
    });

    const rendered = template.render({ name: 'Tom <script>' });

    expect(rendered).toEqual({
      subject: 'Hi Tom <script>',
      text: 'Hi Tom <script>',
      html: '<p>Hi Tom &lt;script&gt;</p>',
    });
  });

  it('fails on a missing variable instead of rendering a blank', () => {
    const template = new CompiledTemplate('t', 'en', {
      subject: 'Hi {{ customer.firstName }}',
      text: 'x',
    });

    expect(() => template.render({ customer: {} })).toThrowError(
      /undefined variable: customer.firstName/,
    );
  });
});

describe('the signature of the shipped follow-up', () => {
  const catalog = loadCatalog();
  const trigger = {
    event: 'interaction.recorded',
    interaction: { type: 'visit', localDate: '23 de noviembre de 2026' },
  };
  const render = (customer: Customer) => {
    const template = catalog.template('next-day-follow-up', customer.locale);
    if (!template) throw new Error('the shipped template is missing');
    return template.render(
      renderContext({ customer, automationId: 'x', trigger, sender: { name: 'Rapport' } }),
    );
  };

  it("is signed by the customer's rep, then the business", () => {
    expect(render(aCustomer()).text.trimEnd()).toMatch(/\n\nLuis Pérez\nRapport$/);
  });

  it('reads well for a customer with no rep: the business once, not twice', () => {
    const { owner: _owner, ...withoutOwner } = aCustomer();
    const { text, html } = render(withoutOwner);

    expect(text.trimEnd()).toMatch(/\n\nRapport$/);
    expect(text).not.toMatch(/Rapport\s+Rapport/);
    expect(html).toContain('<p>Rapport</p>');
  });
});
