import * as z from 'zod';
import { EntityId } from '../customer/customer.ts';
import { Tier } from '../customer/system-state.ts';
import type { Events } from '../ports.ts';
import { MultiLineText } from '../validation/text.ts';

/** The two survey kinds: loyalty (NPS, 0-10) and satisfaction with one experience (CSAT, 1-5). */
export const SurveyKind = z.enum(['nps', 'csat']);
export type SurveyKind = z.infer<typeof SurveyKind>;

/** The scores each kind accepts, lowest first: the page shows one button per score. */
export const SCORE_RANGE: Readonly<
  Record<SurveyKind, { readonly min: number; readonly max: number }>
> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
};

export function scoresOf(kind: SurveyKind): number[] {
  const { min, max } = SCORE_RANGE[kind];
  return Array.from({ length: max - min + 1 }, (_, index) => min + index);
}

export function isValidScore(kind: SurveyKind, score: number): boolean {
  const { min, max } = SCORE_RANGE[kind];
  return Number.isInteger(score) && score >= min && score <= max;
}

/** Detractor, passive or promoter: NPS 0-6 / 7-8 / 9-10, CSAT 1-2 / 3 / 4-5. */
export type ScoreClass = 'detractor' | 'passive' | 'promoter';

export function scoreClass(kind: SurveyKind, score: number): ScoreClass {
  switch (kind) {
    case 'nps':
      return score <= 6 ? 'detractor' : score <= 8 ? 'passive' : 'promoter';
    case 'csat':
      return score <= 2 ? 'detractor' : score === 3 ? 'passive' : 'promoter';
    default:
      return kind satisfies never;
  }
}

/** A comment is a few sentences; the cap keeps the item far from DynamoDB's 400 KB. */
export const MAX_COMMENT_LENGTH = 2000;

/**
 * One customer's answer about one interaction. There is one per (customer, interaction): answering
 * again replaces it, keeping `firstAnsweredAt`.
 */
export const SurveyResponse = z.object({
  customerId: EntityId,
  interactionId: EntityId,
  kind: SurveyKind,
  score: z.number().int(),
  comment: MultiLineText(MAX_COMMENT_LENGTH).optional(),
  /** The latest answer; indicators count a response in the period it was (last) given. */
  answeredAt: z.iso.datetime(),
  firstAnsweredAt: z.iso.datetime(),
  /** Where the experience happened (from the interaction), for indicators per touchpoint. */
  touchpoint: z.string(),
  /** Who served the customer, when the interaction names someone. */
  agent: z.object({ id: z.string(), name: z.string().optional() }).optional(),
  /** The customer's tier when they answered (tiers move; the answer keeps the one it was given in). */
  tier: Tier.optional(),
  locale: z.string(),
});
export type SurveyResponse = z.infer<typeof SurveyResponse>;

/** What the survey is about, as the response records it. */
export interface SurveyContext {
  readonly touchpoint: string;
  readonly agent?: { readonly id: string; readonly name?: string };
  /** The survey is a complaint's follow-up check: the interaction id is the case's. */
  readonly followUp?: true;
}

export interface SurveyResponseStore {
  /** The stored answer about this interaction, if any (strongly consistent). */
  response(customerId: string, interactionId: string): Promise<SurveyResponse | undefined>;
  /**
   * Writes the answer and `events` in one transaction. Optimistic: `previousAnsweredAt` must still
   * be the stored answer's (`undefined`: none stored), else ConflictError.
   */
  saveResponse(
    response: SurveyResponse,
    previousAnsweredAt: string | undefined,
    events: Events,
  ): Promise<void>;
  /** Touchpoint and agent of the interaction the survey is about; undefined if unknown. */
  surveyContext(interactionId: string): Promise<SurveyContext | undefined>;
  /** Every response last answered in [from, to), oldest first (the indicators' input). */
  responsesBetween(from: Date, to: Date): Promise<SurveyResponse[]>;
}
