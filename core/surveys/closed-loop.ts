import type { Holds } from '../customer/system-state.ts';
import type { EventOf } from '../events/registry.ts';

type Answered = EventOf<'survey.answered'>;
type Opened = EventOf<'complaint.opened'>;

export interface ComplaintPlan {
  readonly caseId: string;
  /** The holds to write: the case added, marketing held until `heldUntil` when given. */
  readonly holds: Holds;
  readonly event: Opened;
}

export interface ComplaintInput {
  readonly customerId: string;
  readonly caseId: string;
  readonly reason: string;
  readonly holds: Holds;
  /** Holds marketing until then too (a detractor answer); never shortens a longer hold. */
  readonly heldUntil?: string;
  readonly survey?: Opened['data']['survey'];
  readonly now: Date;
}

/**
 * A complaint case: added to the customer's open cases (the messaging policy holds marketing while
 * any is open) and announced as `complaint.opened` for the complaint-recovery workflow. The same
 * case opened twice is one case and one event (the id is the case's).
 */
export function openComplaint(input: ComplaintInput): ComplaintPlan {
  const { holds, caseId, heldUntil } = input;
  const current = holds.marketingHeldUntil;
  return {
    caseId,
    holds: {
      ...holds,
      openCases: holds.openCases.includes(caseId) ? holds.openCases : [...holds.openCases, caseId],
      ...(heldUntil
        ? { marketingHeldUntil: current && current > heldUntil ? current : heldUntil }
        : {}),
    },
    event: {
      id: `complaint.opened:${caseId}`,
      type: 'complaint.opened',
      occurredAt: input.now.toISOString(),
      data: {
        customerId: input.customerId,
        caseId,
        reason: input.reason,
        ...(input.survey ? { survey: input.survey } : {}),
      },
    },
  };
}

/** When a detractor's hold on marketing ends (messaging.yaml `detractorHoldDays`). */
export function detractorHoldUntil(now: Date, holdDays: number): string {
  return new Date(now.getTime() + holdDays * 86_400_000).toISOString();
}

/**
 * What a survey answer sets off: for a detractor (NPS 0-6, CSAT 1-2), a complaint case and a hold
 * on marketing for `holdDays`; nothing for anyone else. The case id is derived from the
 * interaction, so the same answer delivered twice opens one case.
 */
export function closedLoop(
  answered: Answered,
  holds: Holds,
  holdDays: number,
  now: Date,
): ComplaintPlan | undefined {
  const { data } = answered;
  if (!data.detractor) return undefined;
  return openComplaint({
    customerId: data.customerId,
    caseId: `case-survey-${data.interactionId}`,
    reason: 'survey-detractor',
    holds,
    heldUntil: detractorHoldUntil(now, holdDays),
    survey: {
      interactionId: data.interactionId,
      kind: data.kind,
      score: data.score,
      ...(data.comment ? { comment: data.comment } : {}),
      touchpoint: data.touchpoint,
    },
    now,
  });
}
