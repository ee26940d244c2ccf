import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Catalog } from '../../../core/catalog/catalog.ts';
import type { EventOf } from '../../../core/events/registry.ts';
import { type SurveyResponse, scoreClass } from '../../../core/surveys/response.ts';
import { documentClient } from '../../../functions/adapters/dynamodb/client.ts';
import { DynamoSurveyResponseStore } from '../../../functions/adapters/dynamodb/survey-response-store.ts';
import { LOCAL_AWS } from '../../../local/dynamodb-local.ts';
import { REPOSITORY_WORKFLOWS_DIR } from '../../../workflows/catalog-loader.ts';
import { anaInput } from '../../support/builders.ts';
import { useTestRuntime } from '../../support/runtime.ts';

const shipped = (file: string) => ({
  file,
  data: parse(readFileSync(join(REPOSITORY_WORKFLOWS_DIR, file), 'utf8')),
});
const catalog = Catalog.build(
  {
    automations: [shipped('automations/survey-detractor-case.yaml')],
    templates: [],
    messaging: shipped('messaging.yaml'),
  },
  { fallbackLocale: 'en', senderName: 'Rapport' },
);
const NOW = new Date('2026-11-23T10:00:00Z');

/** An answer written the way the survey page writes it: the response and its event together. */
function answer(
  customerId: string,
  interactionId: string,
  kind: 'nps' | 'csat',
  score: number,
  comment?: string,
) {
  const response: SurveyResponse = {
    customerId,
    interactionId,
    kind,
    score,
    ...(comment ? { comment } : {}),
    answeredAt: NOW.toISOString(),
    firstAnsweredAt: NOW.toISOString(),
    touchpoint: kind === 'nps' ? 'store' : 'call-centre',
    locale: 'en',
  };
  const klass = scoreClass(kind, score);
  const event: EventOf<'survey.answered'> = {
    id: `survey.answered:${customerId}:${interactionId}:${klass}`,
    type: 'survey.answered',
    occurredAt: NOW.toISOString(),
    data: {
      customerId,
      interactionId,
      kind,
      score,
      scoreClass: klass,
      detractor: klass === 'detractor',
      ...(comment ? { comment } : {}),
      touchpoint: response.touchpoint,
      changed: false,
      followUp: false,
    },
  };
  return { response, event };
}

describe('the closed loop and the indicators, on the local runtime', () => {
  const local = useTestRuntime(
    NOW,
    async ({ api }) => {
      for (const id of ['unhappy', 'happy']) {
        expect((await api.post('/customers', { ...anaInput(), id, externalIds: {} })).status).toBe(
          201,
        );
      }
    },
    { catalog },
  );
  const store = () =>
    new DynamoSurveyResponseStore(
      documentClient({ ...LOCAL_AWS, endpoint: local.runtime.dynamoEndpoint }),
      local.runtime.tableName,
    );

  it('opens a complaint case for a detractor, holds marketing and announces complaint.opened', async () => {
    const unhappy = answer('unhappy', 'visit-1', 'nps', 3, 'Nobody could help me.');
    await store().saveResponse(unhappy.response, undefined, [unhappy.event]);
    await local.runtime.settle();

    const customer = (await local.api.get('/customers/unhappy')).body.customer as {
      holds: { openCases: string[]; marketingHeldUntil?: string };
    };
    expect(customer.holds.openCases).toHaveLength(1);
    // messaging.yaml detractorHoldDays: 14.
    expect(customer.holds.marketingHeldUntil).toBe('2026-12-07T10:00:00.000Z');
    const opened = local.runtime.bus.recent.filter((e) => e.type === 'complaint.opened');
    expect(opened.map((e) => e.id)).toEqual([`complaint.opened:${customer.holds.openCases[0]}`]);
  });

  it('opens nothing for a promoter', async () => {
    const happy = answer('happy', 'call-1', 'csat', 5);
    await store().saveResponse(happy.response, undefined, [happy.event]);
    await local.runtime.settle();

    const customer = (await local.api.get('/customers/happy')).body.customer as {
      holds: { openCases: string[] };
    };
    expect(customer.holds.openCases).toEqual([]);
  });

  it('answers NPS, CSAT and detractors’ comments for a period over HTTP', async () => {
    const report = await local.api.get(
      '/surveys/indicators?from=2026-11-01&to=2026-12-01&by=touchpoint',
    );
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      nps: { responses: 1, detractors: 1, score: -100 },
      csat: { responses: 1, promoters: 1, score: 100 },
      invitations: 0,
      responseRate: null,
      groups: { store: { nps: { score: -100 } }, 'call-centre': { csat: { score: 100 } } },
      detractorComments: [
        expect.objectContaining({ customerId: 'unhappy', comment: 'Nobody could help me.' }),
      ],
    });
    const october = await local.api.get('/surveys/indicators?from=2026-10-01&to=2026-11-01');
    expect(october.body).toMatchObject({ nps: { responses: 0, score: null } });
  });

  it('refuses a period that is missing, reversed or too long, and an unknown grouping', async () => {
    for (const query of [
      '',
      '?from=2026-11-01',
      '?from=2026-12-01&to=2026-11-01',
      '?from=2024-01-01&to=2026-01-01',
      '?from=2026-11-01&to=2026-12-01&by=colour',
      '?from=yesterday&to=2026-12-01',
    ]) {
      expect((await local.api.get(`/surveys/indicators${query}`)).status, query).toBe(400);
    }
  });
});
