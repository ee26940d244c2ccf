import type { RelationshipStage } from '../customer/system-state.ts';
import type { ValueMetrics } from './metrics.ts';
import type { TierPolicy } from './policy.ts';

type StageMetrics = Pick<
  ValueMetrics,
  | 'purchaseOccasions'
  | 'recencyDays'
  | 'conversations'
  | 'tenureDays'
  | 'daysSinceComplaint'
  | 'surveyScore'
>;

/**
 * The relationship stage of seed 002 (contact, relate, intimacy, trust), recomputed from the
 * history on every run, so it can go back as well as forward (a recent complaint takes trust away):
 * - contact: known, no purchase yet;
 * - relate: at least one purchase;
 * - intimacy: repeat purchases, one within `activeWithinDays`, and at least one conversation
 *   (the customer told us something: a visit, call, chat, email, support contact, event or quote);
 * - trust: intimacy, plus `minPurchases` occasions over at least `minTenureDays`, no complaint in
 *   the last `noComplaintWithinDays`, and no survey score below `minSurveyScore`.
 */
export function stageOf(m: StageMetrics, policy: TierPolicy): RelationshipStage {
  if (m.purchaseOccasions === 0) return 'contact';
  const { intimacy, trust } = policy.stages;
  const active = m.recencyDays !== undefined && m.recencyDays <= intimacy.activeWithinDays;
  const close =
    active &&
    m.purchaseOccasions >= intimacy.minPurchases &&
    m.conversations >= intimacy.minConversations;
  if (!close) return 'relate';
  const trusted =
    m.purchaseOccasions >= trust.minPurchases &&
    (m.tenureDays ?? 0) >= trust.minTenureDays &&
    (m.daysSinceComplaint === undefined || m.daysSinceComplaint > trust.noComplaintWithinDays) &&
    (m.surveyScore === undefined || m.surveyScore >= trust.minSurveyScore);
  return trusted ? 'trust' : 'intimacy';
}
