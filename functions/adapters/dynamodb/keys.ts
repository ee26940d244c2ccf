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
  /** The outbox: one item per event, carried to the bus by the table's stream. */
  event: (eventId: string) => ({ PK: `EVENT#${eventId}`, SK: 'EVENT' }),
} as const;

export const prefixes = {
  customerPartition: (customerId: string) => `CUSTOMER#${customerId}`,
  current: CURRENT,
  consentOf: `${CURRENT}CONSENT#`,
  stateOf: `${CURRENT}STATE#`,
  profile: `${CURRENT}PROFILE`,
  consentLog: 'CONSENTLOG#',
  interaction: 'INTERACTION#',
  message: 'MESSAGE#',
  pendingSchedules: 'SCHEDULE#PENDING',
} as const;

/** The `entity` of outbox items: the stream consumer publishes exactly these. */
export const EVENT_ENTITY = 'event';
