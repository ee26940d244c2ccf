import { DateTime } from 'luxon';
import type { SurveyState } from '../customer/system-state.ts';
import { qualifyingFor, type SurveyPolicy } from './policy.ts';
import type { SurveyKind } from './response.ts';

/** An interaction as the fatigue guard sees it. */
export interface SurveyedInteraction {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
}

export interface InvitationInput {
  readonly policy: SurveyPolicy;
  /** What the customer's `survey` part says now (undefined: never invited). */
  readonly state: SurveyState | undefined;
  /** The interaction this invitation is about. */
  readonly interaction: SurveyedInteraction;
  /** The customer's other recent interactions (any types; the same local day is picked here). */
  readonly others: readonly SurveyedInteraction[];
  readonly timeZone: string;
  readonly now: Date;
}

export type SuppressReason = 'survey-not-qualifying' | 'survey-same-day' | 'survey-fatigue';

export type InvitationDecision =
  | {
      readonly kind: 'invite';
      readonly survey: SurveyKind;
      /** The `survey` part to write, on the condition that `lastInvitedAt` is still `expected`. */
      readonly next: SurveyState;
      readonly expected: string | undefined;
    }
  | { readonly kind: 'suppress'; readonly reason: SuppressReason; readonly detail: string };

/**
 * Whether a customer is invited to a survey about this interaction, across all survey automations:
 *
 * 1. only qualifying types (surveys.yaml) are asked about;
 * 2. of the qualifying interactions on the same local day, only the most relevant one is (highest
 *    `relevance`, then the latest, then the greatest id, so every dispatcher picks the same one);
 * 3. no customer is invited twice within `fatigueDays` (counted in elapsed time from the last
 *    invitation, so a DST change neither shortens nor lengthens it by an hour that matters).
 *
 * Pure: the caller writes `next` conditionally, and re-decides if the condition fails (another
 * invitation was sent meanwhile), which is what makes the guard hold under concurrent sends.
 */
export function decideInvitation(input: InvitationInput): InvitationDecision {
  const { policy, state, interaction, timeZone, now } = input;
  const qualifying = qualifyingFor(policy, interaction.type);
  if (!qualifying)
    return {
      kind: 'suppress',
      reason: 'survey-not-qualifying',
      detail: `${interaction.type} is not a qualifying type in surveys.yaml`,
    };
  const winner = mostRelevantOfDay(policy, interaction, input.others, timeZone);
  if (winner.id !== interaction.id)
    return {
      kind: 'suppress',
      reason: 'survey-same-day',
      detail: `asked about ${winner.type} ${winner.id} of the same day instead`,
    };
  const last = state?.lastInvitedAt;
  if (last !== undefined) {
    const until = Date.parse(last) + policy.fatigueDays * 86_400_000;
    if (until > now.getTime())
      return {
        kind: 'suppress',
        reason: 'survey-fatigue',
        detail: `invited ${last}, within ${policy.fatigueDays} days`,
      };
  }
  return {
    kind: 'invite',
    survey: qualifying.kind,
    next: { ...state, lastInvitedAt: now.toISOString() },
    expected: last,
  };
}

/** The local calendar day of an instant in a zone (yyyy-MM-dd). */
export function localDay(instant: string, timeZone: string): string {
  return DateTime.fromISO(instant, { zone: timeZone }).toISODate() ?? instant.slice(0, 10);
}

function mostRelevantOfDay(
  policy: SurveyPolicy,
  interaction: SurveyedInteraction,
  others: readonly SurveyedInteraction[],
  timeZone: string,
): SurveyedInteraction {
  const day = localDay(interaction.occurredAt, timeZone);
  const sameDay = others.filter(
    (other) =>
      qualifyingFor(policy, other.type) !== undefined &&
      localDay(other.occurredAt, timeZone) === day,
  );
  const rank = (i: SurveyedInteraction) => qualifyingFor(policy, i.type)?.relevance ?? -1;
  return [interaction, ...sameDay].reduce((best, candidate) => {
    const byRelevance = rank(candidate) - rank(best);
    if (byRelevance !== 0) return byRelevance > 0 ? candidate : best;
    const byTime = Date.parse(candidate.occurredAt) - Date.parse(best.occurredAt);
    if (byTime !== 0) return byTime > 0 ? candidate : best;
    return candidate.id > best.id ? candidate : best;
  });
}
