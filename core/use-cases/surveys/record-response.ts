import type { Customer } from '../../customer/customer-view.ts';
import { ConflictError } from '../../errors.ts';
import type { DomainEvent } from '../../events/registry.ts';
import type { Clock } from '../../ports.ts';
import {
  isValidScore,
  type SurveyContext,
  type SurveyKind,
  SurveyResponse,
  type SurveyResponseStore,
  scoreClass,
} from '../../surveys/response.ts';

export interface RecordResponseDeps {
  readonly responses: SurveyResponseStore;
  readonly clock: Clock;
}

/** An answer from a link the caller has already verified (the page checks the signature). */
export interface SurveyAnswer {
  readonly customer: Customer;
  readonly interactionId: string;
  readonly kind: SurveyKind;
  readonly score: number;
  /** `undefined` keeps the stored comment (a one-click answer must not erase one). */
  readonly comment?: string;
}

export type RecordResponseResult =
  | { readonly kind: 'recorded'; readonly response: SurveyResponse; readonly emitted: boolean }
  | { readonly kind: 'invalid-score' | 'invalid-comment' };

/** Two answers at the same instant (a double click) race once more before giving up. */
const ATTEMPTS = 3;

/**
 * Stores the answer (one per customer and interaction: a second answer replaces the first) and, in
 * the same transaction, `survey.answered`. The event goes out on the first answer and again only
 * when an answer moves to another class (e.g. detractor → promoter): re-clicking a score, or adding
 * a comment, must not open a second complaint case. The closed loop reads a later comment from the
 * stored response.
 */
export async function recordSurveyResponse(
  deps: RecordResponseDeps,
  answer: SurveyAnswer,
): Promise<RecordResponseResult> {
  if (!isValidScore(answer.kind, answer.score)) return { kind: 'invalid-score' };
  const comment = answer.comment?.trim();
  if (comment !== undefined && !SurveyResponse.shape.comment.safeParse(comment).success) {
    return { kind: 'invalid-comment' };
  }
  const { customer, interactionId } = answer;
  const context = await deps.responses.surveyContext(interactionId);
  for (let attempt = 1; ; attempt++) {
    const previous = await deps.responses.response(customer.id, interactionId);
    const response = responseFor(answer, comment, context, previous, deps.clock());
    const emit =
      previous === undefined ||
      scoreClass(previous.kind, previous.score) !== scoreClass(answer.kind, answer.score);
    const followUp = context?.followUp === true;
    const events = emit ? [surveyAnswered(response, previous !== undefined, followUp)] : [];
    try {
      await deps.responses.saveResponse(response, previous?.answeredAt, events);
      return { kind: 'recorded', response, emitted: emit };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** `comment`: undefined keeps the stored one, empty removes it. */
function responseFor(
  answer: SurveyAnswer,
  comment: string | undefined,
  context: SurveyContext | undefined,
  previous: SurveyResponse | undefined,
  now: Date,
): SurveyResponse {
  const { customer } = answer;
  const answeredAt = now.toISOString();
  const kept = comment === undefined ? previous?.comment : comment || undefined;
  const agent = context?.agent ?? previous?.agent;
  return {
    customerId: customer.id,
    interactionId: answer.interactionId,
    kind: answer.kind,
    score: answer.score,
    ...(kept ? { comment: kept } : {}),
    answeredAt,
    firstAnsweredAt: previous?.firstAnsweredAt ?? answeredAt,
    touchpoint: context?.touchpoint ?? previous?.touchpoint ?? 'unknown',
    ...(agent ? { agent } : {}),
    ...(customer.value?.tier ? { tier: customer.value.tier } : {}),
    locale: customer.locale,
  };
}

export function surveyAnswered(
  response: SurveyResponse,
  changed: boolean,
  followUp = false,
): DomainEvent {
  const klass = scoreClass(response.kind, response.score);
  return {
    // Per answer, not per interaction: a class that changes back is a new fact.
    id: `survey.answered:${response.customerId}:${response.interactionId}:${response.answeredAt}`,
    type: 'survey.answered',
    occurredAt: response.answeredAt,
    data: {
      customerId: response.customerId,
      interactionId: response.interactionId,
      kind: response.kind,
      score: response.score,
      scoreClass: klass,
      detractor: klass === 'detractor',
      ...(response.comment ? { comment: response.comment } : {}),
      touchpoint: response.touchpoint,
      ...(response.tier ? { tier: response.tier } : {}),
      changed,
      followUp,
    },
  };
}
