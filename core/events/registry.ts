import * as z from 'zod';
import {
  actionScheduled,
  actionSkipped,
  messageFailed,
  messageSent,
  messageSuppressed,
} from './action-events.ts';
import { complaintOpened } from './complaint-events.ts';
import { consentChanged, customerRegistered, customerUpdated } from './customer-events.ts';
import { type EventDefinition, envelopeOf } from './define.ts';
import { interactionRecorded } from './interaction-events.ts';
import { surveyAnswered } from './survey-events.ts';
import { customerAtRisk, customerDeclining, customerLapsed, tierChanged } from './tier-events.ts';

/** Where Rapport's events come from on the bus (EventBridge `source`). */
export const EVENT_SOURCE = 'rapport';

/** Every event type Rapport emits. A new event is added here, and only here. */
export const EVENT_DEFINITIONS = [
  customerRegistered,
  customerUpdated,
  consentChanged,
  interactionRecorded,
  actionScheduled,
  actionSkipped,
  messageSent,
  messageSuppressed,
  messageFailed,
  tierChanged,
  customerDeclining,
  customerLapsed,
  customerAtRisk,
  surveyAnswered,
  complaintOpened,
] as const;

type Definitions = typeof EVENT_DEFINITIONS;

// The union lists the same definitions as EVENT_DEFINITIONS (zod needs a literal tuple to type it);
// a unit test fails if the two lists ever differ.
export const DomainEvent = z.discriminatedUnion('type', [
  envelopeOf(customerRegistered),
  envelopeOf(customerUpdated),
  envelopeOf(consentChanged),
  envelopeOf(interactionRecorded),
  envelopeOf(actionScheduled),
  envelopeOf(actionSkipped),
  envelopeOf(messageSent),
  envelopeOf(messageSuppressed),
  envelopeOf(messageFailed),
  envelopeOf(tierChanged),
  envelopeOf(customerDeclining),
  envelopeOf(customerLapsed),
  envelopeOf(customerAtRisk),
  envelopeOf(surveyAnswered),
  envelopeOf(complaintOpened),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

type TriggerDefinition = Extract<Definitions[number], { trigger: true }>;
export type TriggerEventType = TriggerDefinition['type'];

const triggerTypes = EVENT_DEFINITIONS.filter((definition) => definition.trigger).map(
  (definition) => definition.type,
) as [TriggerEventType, ...TriggerEventType[]];

/** Events an automation may be triggered by; the CDK rule and the local bus route exactly these. */
export const TriggerEventType = z.enum(triggerTypes);

const byType = new Map<string, EventDefinition>(
  EVENT_DEFINITIONS.map((definition) => [definition.type, definition as EventDefinition]),
);

export function eventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}
