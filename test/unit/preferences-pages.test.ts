import { describe, expect, it } from 'vitest';
import type { PreferencesView } from '../../core/use-cases/preferences/view.ts';
import { languageFromHeader, languageOf } from '../../functions/preferences-page/copy.ts';
import { preferencesHtml, unsubscribeHtml } from '../../functions/preferences-page/pages.ts';

const HOSTILE = '<img src=x onerror="alert(1)">&';

const view = (overrides: Partial<PreferencesView> = {}): PreferencesView => ({
  customerId: 'ana-garcia',
  locale: 'en',
  firstName: 'Ana',
  channels: [
    { channel: 'email', allowed: true, hint: 'a•••@example.com' },
    { channel: 'sms', allowed: false, hint: '••• 4567' },
  ],
  preferred: 'email',
  frequency: 'weekly',
  frequencies: { weekly: { max: 1, days: 7 }, monthly: { max: 1, days: 30 } },
  topics: [{ id: 'news', label: { en: 'News', es: 'Novedades' }, subscribed: false }],
  ...overrides,
});

describe('the preferences pages as HTML', () => {
  it('escapes everything that comes from data: names, hints, topic labels', () => {
    const html = preferencesHtml(
      view({
        firstName: HOSTILE,
        channels: [{ channel: 'visit', allowed: true, hint: HOSTILE }],
        topics: [{ id: 'news', label: { en: HOSTILE, es: HOSTILE }, subscribed: true }],
      }),
      'en',
    );

    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=&#34;alert(1)&#34;&gt;&amp;');
  });

  it('labels every control, and marks what is chosen', () => {
    const html = preferencesHtml(view(), 'en');

    for (const id of [
      'order-1',
      'order-2',
      'allow-email',
      'allow-sms',
      'frequency-weekly',
      'topic-news',
    ]) {
      expect(html).toContain(`<label for="${id}">`);
      expect(html).toContain(`id="${id}"`);
    }
    expect(html).toContain(
      '<input type="radio" id="frequency-weekly" name="frequency" value="weekly" checked>',
    );
    expect(html).toContain('<input type="checkbox" id="topic-news" name="topics" value="news">');
    expect(html).toContain('<option value="email" selected>Email</option>');
  });

  it('speaks Spanish for es and es-CO, English for anything else', () => {
    expect(languageOf('es-CO')).toBe('es');
    expect(languageOf('pt-BR')).toBe('en');
    expect(languageFromHeader('es-ES,es;q=0.9,en;q=0.8')).toBe('es');
    expect(preferencesHtml(view(), 'es')).toContain('<html lang="es">');
    expect(
      unsubscribeHtml('es', {
        done: false,
        message: '¿Dejar de recibir «Novedades»?',
        preferencesToken: 't',
      }),
    ).toContain('<button type="submit">Cancelar suscripción</button>');
  });
});
