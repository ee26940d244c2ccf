/**
 * The single-table key design (docs/data-model.md explains the access patterns). Every key is built
 * here so that no other module spells a key by hand.
 */
export const GSI1 = 'GSI1';

/** Items under this prefix in a customer's partition are the composed view, read with one Query. */
const CURRENT = 'CURRENT#';

export const keys = {
  /** What touchpoints own. */
  customer: (customerId: string) => ({ PK: `CUSTOMER#${customerId}`, SK: `${CURRENT}PROFILE` }),
  /** The consent decision in force for one channel. */
  consent: (customerId: string, channel: string) => ({
    PK: `CUSTOMER#${customerId}`,
    SK: `${CURRENT}CONSENT#${channel}`,
  }),
  /** One part of what Rapport computes or learns (reachability, holds, value, survey). */
  systemState: (customerId: string, part: string) => ({
    PK: `CUSTOMER#${customerId}`,
    SK: `${CURRENT}STATE#${part}`,
  }),
  /** Every consent decision ever recorded, by when Rapport recorded it. */
  consentLog: (customerId: string, recordedAt: string, changeId: string) => ({
    PK: `CUSTOMER#${customerId}`,
    SK: `CONSENTLOG#${recordedAt}#${changeId}`,
  }),
  /** Every change a customer made to their preferences (the page, one-click unsubscribe). */
  preferencesLog: (customerId: string, recordedAt: string, changeId: string) => ({
    PK: `CUSTOMER#${customerId}`,
    SK: `PREFSLOG#${recordedAt}#${changeId}`,
  }),
  externalId: (system: string, externalId: string) => ({
    PK: `EXTID#${system}#${externalId}`,
    SK: 'EXTID',
  }),
  /** The idempotency record of an interaction id, global across customers. */
  interactionKey: (interactionId: string) => ({
    PK: `INTERACTION#${interactionId}`,
    SK: 'KEY',
  }),
  /** Timeline entries sort by time inside the customer's partition. */
  interaction: (customerId: string, occurredAt: string, interactionId: string) => ({
    PK: `CUSTOMER#${customerId}`,
    SK: `INTERACTION#${occurredAt}#${interactionId}`,
  }),
  message: (customerId: string, createdAt: string, messageId: string) => ({
    PK: `CUSTOMER#${customerId}`,
    SK: `MESSAGE#${createdAt}#${messageId}`,
  }),
  schedule: (scheduleId: string) => ({ PK: `SCHEDULE#${scheduleId}`, SK: 'SCHEDULE' }),
  /** Sparse index entry: present while the schedule is unfinished, removed when it completes. */
  pendingSchedule: (dueAt: string, scheduleId: string) => ({
    GSI1PK: 'SCHEDULE#PENDING',
    GSI1SK: `${dueAt}#${scheduleId}`,
  }),
  /** Why a planned message did or did not go out (`GET /customers/{id}/decisions`). */
  decision: (customerId: string, at: string, scheduleId: string, tag: string) => ({
    PK: `CUSTOMER#${customerId}`,
    SK: `DECISION#${at}#${scheduleId}#${tag}`,
  }),
  /** Finds a message from the provider's id (delivery feedback reports only that). */
  providerMessage: (providerMessageId: string) => ({
    PK: `PROVIDERMSG#${providerMessageId}`,
    SK: 'MESSAGE',
  }),
  /** A call or a visit for a customer's owner. */
  task: (ownerId: string, taskId: string) => ({ PK: `OWNER#${ownerId}`, SK: `TASK#${taskId}` }),
  /** The outbox: one item per event, carried to the bus by the table's stream. */
  event: (eventId: string) => ({ PK: `EVENT#${eventId}`, SK: 'EVENT' }),
  /** The outbox for many writes of one transaction (a tier run's group), named by its first event. */
  eventBatch: (firstEventId: string) => ({ PK: `EVENT#batch#${firstEventId}`, SK: 'EVENTS' }),
  /** A tier run: its record (status, plan, summary) and its passes' per-chunk parts. */
  tierRun: (runId: string) => ({ PK: `TIERRUN#${runId}`, SK: 'RUN' }),
  tierRunPart: (runId: string, part: string) => ({ PK: `TIERRUN#${runId}`, SK: `PART#${part}` }),
  /** An operator's switch for one automation; all switches share a partition (one Query reads all). */
  automationSwitch: (automationId: string) => ({
    PK: 'AUTOMATIONS',
    SK: `SWITCH#${automationId}`,
  }),
  /** Every change of an automation's switch, by when. */
  automationSwitchLog: (automationId: string, at: string, changeId: string) => ({
    PK: `AUTOMATION#${automationId}`,
    SK: `SWITCHLOG#${at}#${changeId}`,
  }),
  /** An automation's running counts (entered, converted, per group). */
  automationCounts: (automationId: string) => ({
    PK: `AUTOMATION#${automationId}`,
    SK: 'COUNTS',
  }),
  /** One customer's history with one automation (re-entry, pending actions, goal window). */
  enrollment: (customerId: string, automationId: string) => ({
    PK: `CUSTOMER#${customerId}`,
    SK: `ENROLLMENT#${automationId}`,
  }),
  /** A customer's answer about one interaction: one item, so answering again replaces it. */
  surveyResponse: (customerId: string, interactionId: string) => ({
    PK: `CUSTOMER#${customerId}`,
    SK: `SURVEYRESPONSE#${interactionId}`,
  }),
  /**
   * The same item in the index, under the UTC day of its (latest) answer: indicators query one
   * partition per day of the period, so no scan and no single hot partition.
   */
  surveyResponseByDay: (answeredAt: string, customerId: string, interactionId: string) => ({
    GSI1PK: `SURVEYRESPONSES#${answeredAt.slice(0, 10)}`,
    GSI1SK: `${answeredAt}#${customerId}#${interactionId}`,
  }),
} as const;

export const prefixes = {
  customerPartition: (customerId: string) => `CUSTOMER#${customerId}`,
  current: CURRENT,
  consentOf: `${CURRENT}CONSENT#`,
  stateOf: `${CURRENT}STATE#`,
  profile: `${CURRENT}PROFILE`,
  consentLog: 'CONSENTLOG#',
  preferencesLog: 'PREFSLOG#',
  decision: 'DECISION#',
  ownerPartition: (ownerId: string) => `OWNER#${ownerId}`,
  task: 'TASK#',
  interaction: 'INTERACTION#',
  customer: 'CUSTOMER#',
  tierRunParts: 'PART#',
  message: 'MESSAGE#',
  pendingSchedules: 'SCHEDULE#PENDING',
  automations: 'AUTOMATIONS',
  automationSwitch: 'SWITCH#',
  automationPartition: (automationId: string) => `AUTOMATION#${automationId}`,
  automationSwitchLog: 'SWITCHLOG#',
  enrollment: 'ENROLLMENT#',
  surveyResponsesOn: (day: string) => `SURVEYRESPONSES#${day}`,
} as const;

/** The `entity` of outbox items: the stream consumer publishes exactly these. */
export const EVENT_ENTITY = 'event';
/** The `entity` of an outbox item that carries several events (`events`, in order). */
export const EVENT_BATCH_ENTITY = 'event-batch';
