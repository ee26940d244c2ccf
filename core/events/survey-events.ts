import * as z from 'zod';
import { EntityId } from '../customer/customer.ts';
import { Tier } from '../customer/system-state.ts';
import { defineEvent } from './define.ts';

export const surveyAnswered = defineEvent({
  type: 'survey.answered',
  description:
    'A customer answered a survey (NPS or CSAT), or changed an answer to another class; a detractor (NPS 0-6, CSAT 1-2) opens the closed loop.',
  data: z.object({
    customerId: EntityId,
    interactionId: EntityId,
    kind: z.enum(['nps', 'csat']),
    score: z.number().int(),
    scoreClass: z.enum(['detractor', 'passive', 'promoter']),
    detractor: z.boolean(),
    /** The comment as it stood when the event was written; a later comment is on the response. */
    comment: z.string().optional(),
    touchpoint: z.string(),
    tier: Tier.optional(),
    /** Whether this replaces an earlier answer (of another class) about the same interaction. */
    changed: z.boolean(),
    /**
     * The answer to a complaint's follow-up check (its `interactionId` is the case id): a
     * detractor's reopens that case instead of opening another.
     */
    followUp: z.boolean().default(false),
  }),
  trigger: true,
  facts: (data) => ({ survey: data }),
  summary: (data) => ({
    survey: { kind: data.kind, score: data.score, scoreClass: data.scoreClass },
  }),
  sample: {
    customerId: 'ana-garcia',
    interactionId: 'pos-2026-11-23-0001',
    kind: 'nps',
    score: 3,
    scoreClass: 'detractor',
    detractor: true,
    comment: 'Nobody could help me at the till.',
    touchpoint: 'store',
    tier: 'A',
    changed: false,
    followUp: false,
  },
});
