import type { Customer } from '../customer/customer-view.ts';
import type { SurveyState } from '../customer/system-state.ts';
import type { SurveyLinks } from '../messaging/links.ts';
import type { InteractionStore } from '../ports.ts';
import { decideInvitation, type SuppressReason, type SurveyedInteraction } from './fatigue.ts';
import { type SurveyPolicy, wordingFor } from './policy.ts';
import type { SurveyKind } from './response.ts';

/** Records that a customer was invited, on a condition: the race-safety of the fatigue guard. */
export interface SurveyInvitationStore {
  /**
   * Writes the customer's `survey` part if its `lastInvitedAt` is still `expected` (undefined:
   * never invited); false when another invitation got there first.
   */
  recordInvitation(
    customerId: string,
    next: SurveyState,
    expected: string | undefined,
  ): Promise<boolean>;
}

export interface SurveyGateDeps {
  readonly policy: SurveyPolicy;
  readonly invitations: SurveyInvitationStore;
  /** The customer's recent interactions, to find the others of the same local day. */
  readonly interactions: Pick<InteractionStore, 'timeline'>;
  readonly makeLinks: (input: {
    customerId: string;
    interactionId: string;
    kind: SurveyKind;
    expires: number;
  }) => SurveyLinks;
}

/** What a survey template reads as `survey.*` (empty strings and no scores outside a survey). */
export interface SurveyRenderContext {
  readonly kind: SurveyKind | '';
  readonly question: string;
  readonly lowLabel: string;
  readonly highLabel: string;
  readonly commentPrompt: string;
  readonly thanks: string;
  /** The survey page; the email's "answer on the page" link. */
  readonly page: string;
  /** The lowest and highest score (NPS 0-10, CSAT 1-5). */
  readonly low: number;
  readonly high: number;
  /** One link per score, in scale order: the email itself answers. */
  readonly scores: readonly { readonly score: number; readonly url: string }[];
}

export type SurveyGate =
  | { readonly kind: 'invite'; readonly survey: SurveyRenderContext }
  | { readonly kind: 'suppress'; readonly reason: string };

// Enough history for any one day's interactions of even a busy customer.
const TIMELINE_LIMIT = 50;

/**
 * Decides and records a survey invitation just before it is sent. The record is a conditional
 * write on the customer's `survey` part; when it fails, another invitation was recorded meanwhile
 * (two automations, two dispatchers), so the decision is taken again on what is there now.
 */
export async function surveyGate(
  deps: SurveyGateDeps,
  customer: Customer,
  trigger: Record<string, unknown>,
  timeZone: string,
  now: Date,
): Promise<SurveyGate> {
  const interaction = interactionOf(trigger);
  if (!interaction) return { kind: 'suppress', reason: 'survey-not-qualifying: no interaction' };
  const { interactions } = await deps.interactions.timeline(customer.id, TIMELINE_LIMIT);
  const others = interactions.filter((other) => other.id !== interaction.id);
  let state = customer.survey;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const decision = decideInvitation({
      policy: deps.policy,
      state,
      interaction,
      others,
      timeZone,
      now,
    });
    if (decision.kind === 'suppress') return suppressed(decision.reason, decision.detail);
    if (await deps.invitations.recordInvitation(customer.id, decision.next, decision.expected))
      return {
        kind: 'invite',
        survey: renderable(deps, customer, interaction.id, decision.survey, now),
      };
    // Someone else invited them meanwhile: whatever they wrote is within the fatigue period.
    state = { ...state, lastInvitedAt: now.toISOString() };
  }
  return suppressed('survey-fatigue', 'invited concurrently');
}

function suppressed(reason: SuppressReason, detail: string): SurveyGate {
  return { kind: 'suppress', reason: `${reason}: ${detail}` };
}

function interactionOf(trigger: Record<string, unknown>): SurveyedInteraction | undefined {
  const value = trigger.interaction;
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, type, occurredAt } = value as Record<string, unknown>;
  return typeof id === 'string' && typeof type === 'string' && typeof occurredAt === 'string'
    ? { id, type, occurredAt }
    : undefined;
}

function renderable(
  deps: SurveyGateDeps,
  customer: Customer,
  interactionId: string,
  kind: SurveyKind,
  now: Date,
): SurveyRenderContext {
  const links = deps.makeLinks({
    customerId: customer.id,
    interactionId,
    kind,
    expires: Math.floor(now.getTime() / 1000) + deps.policy.linkDays * 86_400,
  });
  return {
    kind,
    ...wordingFor(deps.policy, kind, customer.locale),
    page: links.page,
    low: links.scores[0]?.score ?? 0,
    high: links.scores.at(-1)?.score ?? 0,
    scores: links.scores,
  };
}

/**
 * A complaint's follow-up check: a CSAT survey about the case (its id stands for the interaction).
 * The customer expects it, so the fatigue guard does not apply and nothing is recorded for it.
 */
export function followUpSurvey(
  deps: SurveyGateDeps,
  customer: Customer,
  caseId: string,
  now: Date,
): SurveyRenderContext {
  return renderable(deps, customer, caseId, 'csat', now);
}

/** The `survey` context of a message that is not a survey invitation. */
export const NO_SURVEY: SurveyRenderContext = {
  kind: '',
  question: '',
  lowLabel: '',
  highLabel: '',
  commentPrompt: '',
  thanks: '',
  page: '',
  low: 0,
  high: 0,
  scores: [],
};
