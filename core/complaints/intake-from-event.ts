import type { DomainEvent } from '../events/registry.ts';
import { Touchpoint } from '../interaction/interaction.ts';
import { ComplaintCategory, type OpenCaseInput } from './case.ts';
import { Severity } from './policy.ts';

/** The events the intake's bus rule delivers (the rule filters them down to complaints). */
export const COMPLAINT_EVENT_TYPES = [
  'interaction.recorded',
  'complaint.opened',
  'survey.answered',
] as const;

/**
 * The complaint an event carries, if any: an interaction of type `complaint` (severity, category
 * and description from its metadata, defaults `medium` and `other`), or `complaint.opened` (a
 * detractor's survey answer, an open-case action). Anything else is not a complaint.
 */
export function complaintFromEvent(event: DomainEvent): OpenCaseInput | undefined {
  if (event.type === 'interaction.recorded') {
    const { interaction } = event.data;
    if (interaction.type !== 'complaint') return undefined;
    const meta = interaction.metadata;
    const description = typeof meta.description === 'string' ? meta.description : undefined;
    return {
      source: { kind: 'interaction', id: interaction.id },
      customerId: event.data.customerId,
      severity: Severity.catch('medium').parse(meta.severity),
      category: ComplaintCategory.catch('other').parse(meta.category),
      channel: interaction.touchpoint,
      ...(description ? { description: description.slice(0, 2000) } : {}),
    };
  }
  if (event.type === 'complaint.opened') {
    const { survey } = event.data;
    return {
      source: { kind: 'opened', id: event.data.caseId },
      customerId: event.data.customerId,
      // A detractor's score says the experience was bad, not how grave the matter is.
      severity: 'medium',
      category: survey ? 'service' : 'other',
      channel: Touchpoint.catch('email').parse(survey?.touchpoint),
      description: survey?.comment ?? event.data.reason,
    };
  }
  return undefined;
}
