import { type ScoreClass, type SurveyKind, type SurveyResponse, scoreClass } from './response.ts';

export type IndicatorGrouping = 'touchpoint' | 'agent' | 'tier';

/** One kind's figures over a set of responses; scores are percentages rounded to one decimal. */
export interface KindFigures {
  readonly responses: number;
  readonly detractors: number;
  readonly passives: number;
  readonly promoters: number;
  /**
   * NPS: % promoters (9-10) − % detractors (0-6), from −100 to 100. CSAT: % of answers 4-5.
   * Null with no responses (0 would read as a real, mediocre score).
   */
  readonly score: number | null;
}

export interface Figures {
  readonly nps: KindFigures;
  readonly csat: KindFigures;
}

export interface IndicatorReport extends Figures {
  readonly from: string;
  readonly to: string;
  /** Responses ÷ invitations sent in the period, as a percentage; null when none were sent. */
  readonly responseRate: number | null;
  readonly invitations: number;
  readonly by?: IndicatorGrouping;
  /** Figures per touchpoint, agent or tier (`unknown` when the response does not say). */
  readonly groups?: Readonly<Record<string, Figures>>;
  /** What detractors said, newest first: the closed loop's reading list. */
  readonly detractorComments: readonly DetractorComment[];
}

export interface DetractorComment {
  readonly customerId: string;
  readonly interactionId: string;
  readonly kind: SurveyKind;
  readonly score: number;
  readonly comment: string;
  readonly answeredAt: string;
  readonly touchpoint: string;
}

export interface IndicatorInput {
  /** The responses answered in [from, to). */
  readonly responses: readonly SurveyResponse[];
  /** How many invitations were sent in the period, when known. */
  readonly invitations?: number;
  readonly from: Date;
  readonly to: Date;
  readonly by?: IndicatorGrouping;
}

/** NPS and CSAT over a period, overall and per group, with the response rate and detractors' words. */
export function indicators(input: IndicatorInput): IndicatorReport {
  const { responses, by } = input;
  const invitations = input.invitations ?? 0;
  return {
    from: input.from.toISOString(),
    to: input.to.toISOString(),
    ...figures(responses),
    invitations,
    responseRate: invitations > 0 ? round((responses.length / invitations) * 100) : null,
    ...(by ? { by, groups: grouped(responses, by) } : {}),
    detractorComments: responses
      .filter((r) => r.comment && scoreClass(r.kind, r.score) === 'detractor')
      .sort((a, b) => b.answeredAt.localeCompare(a.answeredAt))
      .map((r) => ({
        customerId: r.customerId,
        interactionId: r.interactionId,
        kind: r.kind,
        score: r.score,
        comment: r.comment ?? '',
        answeredAt: r.answeredAt,
        touchpoint: r.touchpoint,
      })),
  };
}

export function figures(responses: readonly SurveyResponse[]): Figures {
  return {
    nps: kindFigures(responses.filter((r) => r.kind === 'nps')),
    csat: kindFigures(responses.filter((r) => r.kind === 'csat')),
  };
}

function kindFigures(responses: readonly SurveyResponse[]): KindFigures {
  const count: Record<ScoreClass, number> = { detractor: 0, passive: 0, promoter: 0 };
  for (const r of responses) count[scoreClass(r.kind, r.score)] += 1;
  const n = responses.length;
  const kind = responses[0]?.kind;
  const score =
    n === 0
      ? null
      : kind === 'nps'
        ? round(((count.promoter - count.detractor) / n) * 100)
        : round((count.promoter / n) * 100);
  return {
    responses: n,
    detractors: count.detractor,
    passives: count.passive,
    promoters: count.promoter,
    score,
  };
}

function keyOf(response: SurveyResponse, by: IndicatorGrouping): string {
  switch (by) {
    case 'touchpoint':
      return response.touchpoint;
    case 'agent':
      return response.agent?.id ?? 'unknown';
    case 'tier':
      return response.tier ?? 'unknown';
    default:
      return by satisfies never;
  }
}

function grouped(
  responses: readonly SurveyResponse[],
  by: IndicatorGrouping,
): Record<string, Figures> {
  const groups = new Map<string, SurveyResponse[]>();
  for (const r of responses) {
    const key = keyOf(r, by);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return Object.fromEntries(
    [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, list]) => [k, figures(list)]),
  );
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
