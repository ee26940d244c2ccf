import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Catalog } from '../../../core/catalog/catalog.ts';
import { REPOSITORY_WORKFLOWS_DIR } from '../../../workflows/catalog-loader.ts';
import { anaInput, visitInput } from '../../support/builders.ts';
import { useTestRuntime } from '../../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../../support/services.ts';

/** The shipped survey automations, templates and surveys.yaml, and nothing else that sends. */
const shipped = (file: string) => ({
  file,
  data: parse(readFileSync(join(REPOSITORY_WORKFLOWS_DIR, file), 'utf8')),
});
const catalog = Catalog.build(
  {
    // Shipped off (a marketing-ops decision); on here, as PUT /automations/{id}/enabled would.
    automations: ['survey-after-visit', 'survey-after-support']
      .map((id) => {
        const { file, data } = shipped(`automations/${id}.yaml`);
        return { file, data: { ...data, enabled: true } };
      })
      .concat(shipped('automations/next-day-follow-up.yaml')),
    templates: ['survey-invitation', 'next-day-follow-up'].flatMap((templateId) =>
      ['en', 'es'].map((locale) => ({
        ...shipped(`templates/${templateId}/${locale}.yaml`),
        templateId,
        locale,
      })),
    ),
    surveys: shipped('surveys.yaml'),
  },
  { fallbackLocale: 'en', senderName: 'Rapport' },
);

const MADRID = 'Europe/Madrid';
const address = {
  friday: uniqueAddress('friday'),
  busy: uniqueAddress('busy'),
  tired: uniqueAddress('tired'),
  dst: uniqueAddress('dst'),
};
type Who = keyof typeof address;

// Friday 23 October 2026, 23:50 in Madrid (CEST, +02:00). Madrid goes back to CET (+01:00) at
// 03:00 on Sunday 25 October: the week of a DST change.
const FRIDAY_2350 = new Date('2026-10-23T21:50:00Z');

describe('survey invitations on the local runtime, on an injected clock', () => {
  const local = useTestRuntime(
    FRIDAY_2350,
    async ({ api }) => {
      for (const who of Object.keys(address) as Who[]) {
        const customer = {
          ...anaInput(),
          id: `survey-${who}`,
          externalIds: {},
          locale: who === 'friday' ? 'es-ES' : 'en',
          timeZone: MADRID,
          contact: { email: address[who] },
          channelPreferences: ['email'],
          consent: { email: { status: 'granted', source: 'web-form', at: '2026-10-01T10:00:00Z' } },
        };
        expect((await api.post('/customers', customer)).status).toBe(201);
      }
    },
    { catalog },
  );
  const record = async (who: Who, id: string, type: string, occurredAt: string) => {
    const interaction = {
      ...visitInput(),
      id,
      type,
      customer: { id: `survey-${who}` },
      occurredAt,
    };
    expect((await local.api.post('/interactions', interaction)).status).toBe(201);
  };
  const decisions = async (who: Who) =>
    (await local.api.get(`/customers/survey-${who}/decisions`)).body.decisions as {
      automationId: string;
      outcome: string;
      reason?: string;
      at?: string;
    }[];

  it('invites after a Friday 23:50 visit on Saturday inside the window, not before', async () => {
    await record('friday', 'fri-visit', 'visit', FRIDAY_2350.toISOString());
    await record('busy', 'busy-visit', 'visit', '2026-10-23T08:00:00Z');
    await record('busy', 'busy-support', 'support', '2026-10-23T12:00:00Z');
    await record('tired', 'tired-visit', 'visit', '2026-10-23T18:00:00Z');

    await local.runtime.advanceTo(new Date('2026-10-24T07:55:00Z')); // 09:55 Madrid
    expect(await sentEmails(local.runtime.sesUrl, address.friday)).toEqual([]);

    await local.runtime.advanceTo(new Date('2026-10-24T08:05:00Z')); // 10:05 Madrid
    const [email, ...more] = await sentEmails(local.runtime.sesUrl, address.friday);
    expect(more).toEqual([]);
    // NPS in her language, with the page and one link per score 0-10.
    expect(email?.body.text).toContain('¿Qué tan probable es que nos recomiende');
    expect(email?.body.text?.match(/\/survey\/[\w-]+\.[\w-]+/g)).toHaveLength(12);
    expect(email?.body.html).toContain('aria-label="10"');
    // One email that morning: the survey outranks the shipped next-day follow-up.
    expect((await decisions('friday')).map((d) => [d.automationId, d.outcome])).toContainEqual([
      'next-day-follow-up',
      'skipped',
    ]);
    expect((await decisions('friday')).find((d) => d.outcome === 'sent')).toMatchObject({
      automationId: 'survey-after-visit',
      at: '2026-10-24T08:00:00.000Z', // Saturday 10:00 in Madrid
    });
  });

  it('sends one invitation for two interactions of the same day, about the support case', async () => {
    const [email, ...more] = await sentEmails(local.runtime.sesUrl, address.busy);
    expect(more).toEqual([]);
    expect(email?.body.text).toContain('How satisfied were you');
    expect((await decisions('busy')).map((d) => [d.automationId, d.outcome, d.reason])).toEqual(
      expect.arrayContaining([
        ['survey-after-support', 'sent', undefined],
        [
          'survey-after-visit',
          'suppressed',
          'survey-same-day: asked about support busy-support of the same day instead',
        ],
      ]),
    );
  });

  it('suppresses a second invitation within the fatigue period, with the reason', async () => {
    await record('tired', 'tired-call', 'call', '2026-10-24T08:05:00Z');
    // An interaction late on the Saturday before the clocks go back.
    await local.runtime.advanceTo(new Date('2026-10-24T21:30:00Z')); // 23:30 CEST
    await record('dst', 'dst-visit', 'visit', '2026-10-24T21:30:00Z');

    await local.runtime.advanceTo(new Date('2026-10-25T09:05:00Z'));

    expect(await sentEmails(local.runtime.sesUrl, address.tired)).toHaveLength(1);
    const suppressed = (await decisions('tired')).filter((d) => d.outcome === 'suppressed');
    expect(suppressed).toEqual([
      expect.objectContaining({
        automationId: 'survey-after-support',
        reason: expect.stringMatching(
          /^survey-fatigue: invited 2026-10-24T08:0\d:00\.000Z, within 30 days$/,
        ),
      }),
    ]);
  });

  it('keeps the window in local time on the day the clocks go back (10:00 CET is 09:00Z)', async () => {
    const emails = await sentEmails(local.runtime.sesUrl, address.dst);
    expect(emails).toHaveLength(1);
    // Sent at 10:00 Madrid on Sunday 25 October, which is 09:00 UTC after the change (not 08:00).
    const sent = (await decisions('dst')).find((d) => d.outcome === 'sent') as
      | Record<string, unknown>
      | undefined;
    expect(sent).toMatchObject({
      automationId: 'survey-after-visit',
      timeZone: MADRID,
      at: '2026-10-25T09:00:00.000Z',
    });
  });
});
