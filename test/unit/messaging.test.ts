import { describe, expect, it } from 'vitest';
import type { Customer } from '../../core/customer/customer-view.ts';
import { renderContext } from '../../core/messaging/render-context.ts';
import { CompiledTemplate, pickLocale } from '../../core/messaging/template.ts';
import { loadCatalog } from '../../workflows/catalog-loader.ts';
import { aCustomer } from '../support/builders.ts';

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

    const rendered = template.render('email', { name: 'Tom <script>' });

    expect(rendered).toEqual({
      part: 'email',
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

    expect(() => template.render('email', { customer: {} })).toThrowError(
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
    const rendered = template.render(
      'email',
      renderContext({ customer, automationId: 'x', trigger, sender: { name: 'Rapport' } }),
    );
    if (rendered.part !== 'email') throw new Error('not an email');
    return rendered;
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
