import { describe, expect, it } from 'vitest';
import type { EventOf } from '../../../core/events/registry.ts';
import { closedLoop } from '../../../core/surveys/closed-loop.ts';

const answered = (score: number, detractor: boolean): EventOf<'survey.answered'> => ({
  id: `survey.answered:visit-1:${score}`,
  type: 'survey.answered',
  occurredAt: '2026-11-21T10:05:00.000Z',
  data: {
    customerId: 'ana-garcia',
    interactionId: 'visit-1',
    kind: 'nps',
    score,
    scoreClass: detractor ? 'detractor' : 'promoter',
    detractor,
    comment: 'Nobody at the till.',
    touchpoint: 'store',
    changed: false,
    followUp: false,
  },
});
const now = new Date('2026-11-21T10:05:00.000Z');

describe('the closed loop of a survey answer', () => {
  it('opens a case, holds marketing and emits complaint.opened for a detractor', () => {
    const plan = closedLoop(answered(3, true), { openCases: [] }, 14, now);
    expect(plan?.holds).toEqual({
      openCases: ['case-survey-visit-1'],
      marketingHeldUntil: '2026-12-05T10:05:00.000Z',
    });
    expect(plan?.event).toEqual({
      id: 'complaint.opened:case-survey-visit-1',
      type: 'complaint.opened',
      occurredAt: '2026-11-21T10:05:00.000Z',
      data: {
        customerId: 'ana-garcia',
        caseId: 'case-survey-visit-1',
        reason: 'survey-detractor',
        survey: {
          interactionId: 'visit-1',
          kind: 'nps',
          score: 3,
          comment: 'Nobody at the till.',
          touchpoint: 'store',
        },
      },
    });
  });

  it('does nothing for a promoter or a passive', () => {
    expect(closedLoop(answered(9, false), { openCases: [] }, 14, now)).toBeUndefined();
  });

  it('opens one case when the same answer arrives twice, and never shortens a longer hold', () => {
    const holds = {
      openCases: ['case-survey-visit-1'],
      marketingHeldUntil: '2027-01-01T00:00:00.000Z',
    };
    expect(closedLoop(answered(2, true), holds, 14, now)?.holds).toEqual(holds);
  });
});
