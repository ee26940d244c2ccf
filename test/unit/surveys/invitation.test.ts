import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SurveyState } from '../../../core/customer/system-state.ts';
import { surveyLinks, verifyLink } from '../../../core/messaging/links.ts';
import { type SurveyGateDeps, surveyGate } from '../../../core/surveys/invitation.ts';
import { DEFAULT_SURVEY_POLICY } from '../../../core/surveys/policy.ts';
import { aCustomer } from '../../support/builders.ts';

const KEY = Buffer.from('survey-test-key-0123456789abcdef');
const NOW = new Date('2026-10-24T08:00:00.000Z');
const trigger = {
  interaction: { id: 'visit-1', type: 'visit', occurredAt: '2026-10-23T21:50:00.000Z' },
};

function deps(record: (next: SurveyState, expected?: string) => boolean): SurveyGateDeps {
  return {
    policy: DEFAULT_SURVEY_POLICY,
    invitations: { recordInvitation: async (_id, next, expected) => record(next, expected) },
    interactions: { timeline: async () => ({ interactions: [], messages: [] }) },
    makeLinks: (link) => surveyLinks({ baseUrl: 'https://rapport.test/', key: KEY, ...link }),
  };
}

describe('the survey gate before an invitation is sent', () => {
  it('records the invitation and gives the template signed links, one per score', async () => {
    const written: SurveyState[] = [];
    const gate = await surveyGate(
      deps((next) => written.push(next) > 0),
      aCustomer({ locale: 'en' }),
      trigger,
      'Europe/Madrid',
      NOW,
    );

    expect(written).toEqual([{ lastInvitedAt: NOW.toISOString() }]);
    if (gate.kind !== 'invite') throw new Error(`expected an invitation, got ${gate.reason}`);
    expect(gate.survey).toMatchObject({ kind: 'nps', low: 0, high: 10 });
    expect(gate.survey.scores.map((s) => s.score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const token = gate.survey.scores[3]?.url.split('/survey/')[1] ?? '';
    // Valid for linkDays (14): the payload names the interaction, the kind and the score.
    const check = verifyLink(token, KEY, new Date(NOW.getTime() + 13 * 86_400_000));
    expect(check).toMatchObject({
      ok: true,
      payload: { p: 'survey', i: 'visit-1', k: 'nps', s: 3 },
    });
    expect(verifyLink(token, KEY, new Date(NOW.getTime() + 14 * 86_400_000))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(gate.survey.page).toMatch(/^https:\/\/rapport\.test\/survey\/[\w-]+\.[\w-]+$/);
  });

  it('suppresses with survey-fatigue when another invitation was recorded meanwhile', async () => {
    const gate = await surveyGate(
      deps(() => false),
      aCustomer(),
      trigger,
      'Europe/Madrid',
      NOW,
    );
    expect(gate).toEqual({ kind: 'suppress', reason: expect.stringMatching(/^survey-fatigue: /) });
  });

  it('does not invite about a trigger without an interaction', async () => {
    const gate = await surveyGate(
      deps(() => true),
      aCustomer(),
      {},
      'UTC',
      NOW,
    );
    expect(gate).toMatchObject({
      kind: 'suppress',
      reason: expect.stringMatching(/^survey-not-qualifying/),
    });
  });
});

describe('survey links', () => {
  it('refuses a signed survey payload without its interaction, or with a score outside the kind', () => {
    const e = Math.floor(NOW.getTime() / 1000) + 60;
    expect(verifyLink(signAnything({ c: 'c', p: 'survey', k: 'nps', e }), KEY, NOW)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(
      verifyLink(signAnything({ c: 'c', p: 'survey', i: 'i', k: 'csat', s: 7, e }), KEY, NOW),
    ).toEqual({ ok: false, reason: 'malformed' });
    expect(
      verifyLink(signAnything({ c: 'c', p: 'survey', i: 'i', k: 'csat', s: 5, e }), KEY, NOW).ok,
    ).toBe(true);
  });
});

/** Signs any payload the way signLink does, bypassing its types, to test what verify refuses. */
function signAnything(payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${createHmac('sha256', KEY).update(body).digest('base64url')}`;
}
