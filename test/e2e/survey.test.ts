import { describe, expect, inject, it } from 'vitest';
import { documentClient } from '../../functions/adapters/dynamodb/client.ts';
import { DynamoSurveyResponseStore } from '../../functions/adapters/dynamodb/survey-response-store.ts';
import { LOCAL_AWS } from '../../local/dynamodb-local.ts';
import { anaInput, visitInput } from '../support/builders.ts';
import { useTestRuntime } from '../support/runtime.ts';
import { sentEmails, uniqueAddress } from '../support/services.ts';

/**
 * Next-day survey, end to end on the local runtime with the repository's workflows: the visit is
 * posted over HTTP, the clock moved over HTTP, the invitation read from the local SES outbox, and
 * its one-click link for a 3 opened over HTTP, as the customer's mail client would.
 */
describe('a next-day NPS survey answered from the email, end to end', () => {
  const local = useTestRuntime(new Date('2026-11-23T15:00:05-05:00'));
  const sesUrl = inject('sesUrl');
  const email = uniqueAddress('survey-ana');

  it('invites the customer the next morning, records a detractor answer, and opens a complaint case', async () => {
    const { api, runtime } = local;
    // Prepare: marketing ops turn the visit survey on (it ships off); an English-speaking
    // customer in Bogota visits a store at 15:00
    const switched = await api.put('/automations/survey-after-visit/enabled', {
      enabled: true,
      by: 'ops@example.com',
      reason: 'start next-day surveys',
    });
    expect(switched.status).toBe(200);
    const customer = { ...anaInput(), locale: 'en', contact: { email } };
    expect((await api.post('/customers', customer)).status).toBe(201);
    const visit = { ...visitInput(), occurredAt: '2026-11-23T15:00:00-05:00' };
    expect((await api.post('/interactions', visit)).status).toBe(201);

    // Act: the next morning, inside the 10:00-12:00 window in her zone
    await api.post('/_local/clock', { to: '2026-11-24T12:00:00-05:00' });
    const invitations = (await sentEmails(sesUrl, email)).filter((mail) =>
      mail.subject.includes('one question about yesterday'),
    );
    expect(invitations).toHaveLength(1);
    const text = invitations[0]?.body.text ?? '';
    expect(text).toContain('How likely are you to recommend us');
    const three = text.match(/^3: (\S+)$/m)?.[1];
    if (!three) throw new Error(`no link for a 3 in the invitation:\n${text}`);
    expect(new URL(three).origin).toBe(runtime.apiUrl);

    const answered = await fetch(three);
    const page = await answered.text();

    // Assess: the page thanks her, the answer is stored with its context, the loop closes
    expect(answered.status).toBe(200);
    expect(page).toContain('We recorded your score: 3.');
    const responses = new DynamoSurveyResponseStore(
      documentClient({ ...LOCAL_AWS, endpoint: runtime.dynamoEndpoint }),
      runtime.tableName,
    );
    expect(await responses.response('ana-garcia', 'pos-2026-11-23-0001')).toMatchObject({
      kind: 'nps',
      score: 3,
      touchpoint: 'store',
      agent: { id: 'agent-3' },
    });
    // The outbox carries survey.answered to the bus; the detractor automation opens the case.
    await api.post('/_local/clock', { advance: '1m' });
    const view = await api.get('/customers/ana-garcia');
    const holds = (view.body.customer as { holds: { openCases: string[] } }).holds;
    expect(holds.openCases).toEqual([expect.stringContaining('survey-detractor')]);

    // NPS recomputed from the stored responses by the indicators route (one detractor: -100)
    const report = await api.get('/surveys/indicators?from=2026-11-24&to=2026-11-25');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      invitations: 1,
      responseRate: 100,
      nps: { responses: 1, detractors: 1, score: -100 },
    });
  });
});
