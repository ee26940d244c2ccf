import * as z from 'zod';
import { InvalidInputError } from '../errors.ts';
import { type IndicatorGrouping, type IndicatorReport, indicators } from './indicators.ts';
import type { SurveyResponseStore } from './response.ts';

export interface SurveyInvitationCounter {
  /** Survey invitations sent in [from, to). */
  invitationsBetween(from: Date, to: Date): Promise<number>;
}

export interface IndicatorDeps {
  readonly surveyResponses: Pick<SurveyResponseStore, 'responsesBetween'>;
  readonly surveyInvitations: SurveyInvitationCounter;
}

/** A day (`2026-11-01`, midnight UTC) or an instant with its offset. */
export const PeriodBound = z.union([
  z.iso.date().transform((day) => new Date(`${day}T00:00:00Z`)),
  z.iso.datetime({ offset: true }).transform((instant) => new Date(instant)),
]);
export const IndicatorGroupingSchema = z.enum(['touchpoint', 'agent', 'tier']);

/** The longest period one request may cover: the store reads one index partition per day. */
export const MAX_PERIOD_DAYS = 366;

/** NPS, CSAT, response rate and detractors' comments over [from, to), optionally grouped. */
export async function surveyIndicators(
  deps: IndicatorDeps,
  query: {
    readonly from: Date | undefined;
    readonly to: Date | undefined;
    readonly by?: IndicatorGrouping;
  },
): Promise<IndicatorReport> {
  const { from, to, by } = query;
  if (!from || !to) throw new InvalidInputError('give the period as ?from=&to= (days or instants)');
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  if (days <= 0) throw new InvalidInputError("'to' must be after 'from'");
  if (days > MAX_PERIOD_DAYS)
    throw new InvalidInputError(`a period covers at most ${MAX_PERIOD_DAYS} days`);
  const [responses, invitations] = await Promise.all([
    deps.surveyResponses.responsesBetween(from, to),
    deps.surveyInvitations.invitationsBetween(from, to),
  ]);
  return indicators({ responses, invitations, from, to, ...(by ? { by } : {}) });
}
