import * as z from 'zod';
import { EntityId } from '../customer/customer.ts';
import { defineEvent } from './define.ts';

export const complaintOpened = defineEvent({
  type: 'complaint.opened',
  description:
    'A complaint case was opened for a customer (a detractor survey answer, or an open-case action); marketing is held while it is open.',
  data: z.object({
    customerId: EntityId,
    caseId: z.string().min(1).max(256),
    /** Why: `survey-detractor`, or the open-case action's reason. */
    reason: z.string().min(1).max(200),
    /** The survey answer that opened it, when one did. */
    survey: z
      .object({
        interactionId: EntityId,
        kind: z.enum(['nps', 'csat']),
        score: z.number().int(),
        comment: z.string().optional(),
        touchpoint: z.string(),
      })
      .optional(),
  }),
  trigger: true,
  facts: (data) => ({ complaint: data }),
  summary: (data) => ({
    complaint: { reason: data.reason, ...(data.survey ? { score: data.survey.score } : {}) },
  }),
  sample: {
    customerId: 'ana-garcia',
    caseId: 'case-survey-pos-2026-11-23-0001',
    reason: 'survey-detractor',
    survey: {
      interactionId: 'pos-2026-11-23-0001',
      kind: 'nps',
      score: 3,
      comment: 'Nobody could help me at the till.',
      touchpoint: 'store',
    },
  },
});
