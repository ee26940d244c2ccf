import { describe, expect, it } from 'vitest';
import { indicators } from '../../../core/surveys/indicators.ts';
import type { SurveyResponse } from '../../../core/surveys/response.ts';

let n = 0;
const answer = (
  kind: 'nps' | 'csat',
  score: number,
  extra: Partial<SurveyResponse> = {},
): SurveyResponse => {
  n += 1;
  return {
    customerId: `c-${n}`,
    interactionId: `i-${n}`,
    kind,
    score,
    answeredAt: `2026-11-${String(10 + n).padStart(2, '0')}T10:00:00.000Z`,
    firstAnsweredAt: '2026-11-10T10:00:00.000Z',
    touchpoint: 'store',
    locale: 'es',
    ...extra,
  };
};
const from = new Date('2026-11-01T00:00:00.000Z');
const to = new Date('2026-12-01T00:00:00.000Z');

describe('survey indicators', () => {
  // NPS: 10, 9, 9 promoters; 8, 7 passives; 6, 3, 0 detractors → (3 − 3) / 8 = 0.
  // With two more promoters: (5 − 3) / 10 = 20.
  const nps = [10, 9, 9, 8, 7, 6, 3, 0, 10, 9].map((s) => answer('nps', s));
  // CSAT: 5, 4, 4 satisfied of 1, 2, 3, 4, 4, 5 (six answers) → 3/6 = 50%.
  const csat = [1, 2, 3, 4, 4, 5].map((s) => answer('csat', s, { touchpoint: 'call-centre' }));

  it('computes NPS as % promoters minus % detractors, and CSAT as % of 4-5', () => {
    const report = indicators({ responses: [...nps, ...csat], from, to, invitations: 32 });
    expect(report.nps).toEqual({
      responses: 10,
      detractors: 3,
      passives: 2,
      promoters: 5,
      score: 20,
    });
    expect(report.csat).toEqual({
      responses: 6,
      detractors: 2,
      passives: 1,
      promoters: 3,
      score: 50,
    });
    expect(report.responseRate).toBe(50);
  });

  it('splits by touchpoint, agent and tier, with unknown for responses that do not say', () => {
    const byAgent = [
      answer('nps', 10, { agent: { id: 'rep-1' }, tier: 'A' }),
      answer('nps', 0, { agent: { id: 'rep-1' }, tier: 'A' }),
      answer('nps', 9, { agent: { id: 'rep-2' } }),
    ];
    expect(indicators({ responses: byAgent, from, to, by: 'agent' }).groups).toEqual({
      'rep-1': {
        nps: { responses: 2, detractors: 1, passives: 0, promoters: 1, score: 0 },
        csat: { responses: 0, detractors: 0, passives: 0, promoters: 0, score: null },
      },
      'rep-2': {
        nps: { responses: 1, detractors: 0, passives: 0, promoters: 1, score: 100 },
        csat: { responses: 0, detractors: 0, passives: 0, promoters: 0, score: null },
      },
    });
    const byTier = indicators({ responses: byAgent, from, to, by: 'tier' }).groups;
    expect(Object.keys(byTier ?? {})).toEqual(['A', 'unknown']);
    const byTouchpoint = indicators({ responses: [...nps, ...csat], from, to, by: 'touchpoint' });
    expect(byTouchpoint.groups?.store?.nps.score).toBe(20);
    expect(byTouchpoint.groups?.['call-centre']?.csat.score).toBe(50);
  });

  it('rounds to one decimal: 1 promoter of 3 answers is 33.3', () => {
    const report = indicators({
      responses: [answer('nps', 9), answer('nps', 8), answer('nps', 7)],
      from,
      to,
    });
    expect(report.nps.score).toBe(33.3);
  });

  it('lists detractors’ comments newest first, and none of the others', () => {
    const older = answer('csat', 1, { comment: 'Waited an hour.' });
    const newer = answer('nps', 2, { comment: 'Rude staff.' });
    const happy = answer('nps', 10, { comment: 'Great!' });
    const report = indicators({ responses: [older, happy, newer], from, to });
    expect(report.detractorComments.map((c) => c.comment)).toEqual([
      'Rude staff.',
      'Waited an hour.',
    ]);
  });

  it('gives no score and no response rate rather than a misleading 0 when there is no data', () => {
    const report = indicators({ responses: [], from, to });
    expect(report.nps.score).toBeNull();
    expect(report.csat.score).toBeNull();
    expect(report.responseRate).toBeNull();
  });
});
