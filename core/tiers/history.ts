import type { InteractionType } from '../interaction/interaction.ts';

/** One interaction as the tier run reads it: when (epoch ms), what, and its money (0 if none). */
export interface HistoryEvent {
  readonly at: number;
  readonly type: InteractionType;
  readonly amount: number;
}

/** Everything the metrics of one customer are computed from. */
export interface CustomerHistory {
  readonly customerId: string;
  readonly events: readonly HistoryEvent[];
  /** The last survey answer's score, when the surveys capability recorded one. */
  readonly surveyScore?: number;
}

export const DAY_MS = 86_400_000;

let parsedIso = '';
let parsedMs = Number.NaN;
/**
 * Date.parse of a run's instant, remembered: every customer of a run has the same one, and
 * parsing it again per customer cost more than some of the metrics.
 */
export function epochOf(iso: string): number {
  if (iso !== parsedIso) {
    parsedMs = Date.parse(iso);
    parsedIso = iso;
  }
  return parsedMs;
}
export const WEEK_MS = 7 * DAY_MS;

/** Two-way contacts that tell us about the customer (not purchases, not complaints). */
export const CONVERSATION_TYPES: ReadonlySet<InteractionType> = new Set([
  'visit',
  'call',
  'chat',
  'email',
  'support',
  'event-attendance',
  'quote',
]);
