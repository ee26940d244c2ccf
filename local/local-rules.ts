import { COMPLAINT_EVENT_TYPES } from '../core/complaints/intake-from-event.ts';
import { EVENT_SOURCE, TriggerEventType } from '../core/events/registry.ts';
import {
  SES_EVENT_SOURCE,
  SES_FEEDBACK_DETAIL_TYPES,
} from '../functions/delivery-feedback/ses-event.ts';
import { lambdaContext } from './lambda-context.ts';
import type { LocalEventBus } from './local-bus.ts';
import type { LocalHandlers } from './local-handlers.ts';

/**
 * The stack's EventBridge rules, on the local bus. SES's events arrive on the default bus on AWS;
 * the local bus serves every rule. The complaint rule's content filter (interactions of type
 * complaint) is the intake's own check here: it answers `not-a-complaint` to the others.
 */
export function subscribeRules(bus: LocalEventBus, functions: LocalHandlers): void {
  bus.subscribe({
    name: 'delivery-feedback',
    source: SES_EVENT_SOURCE,
    detailTypes: new Set(SES_FEEDBACK_DETAIL_TYPES),
    target: (event) => functions.feedback(event, lambdaContext('rapport-delivery-feedback')),
  });
  bus.subscribe({
    name: 'automation-engine',
    source: EVENT_SOURCE,
    detailTypes: new Set(TriggerEventType.options),
    target: (event) => functions.engine(event, lambdaContext('rapport-automation-engine')),
  });
  bus.subscribe({
    name: 'complaint-intake',
    source: EVENT_SOURCE,
    detailTypes: new Set(COMPLAINT_EVENT_TYPES),
    target: (event) => functions.complaintIntake(event, lambdaContext('rapport-complaint-intake')),
  });
}
