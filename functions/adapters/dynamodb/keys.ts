/**
 * The single-table key design (docs/data-model.md explains the access patterns). Every key is built
 * here so that no other module spells a key by hand.
 */
export const GSI1 = 'GSI1';

export const keys = {
  customer: (customerId: string) => ({ PK: `CUSTOMER#${customerId}`, SK: 'PROFILE' }),
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
  /** Sparse index entry: present only while the schedule is pending, removed when it completes. */
  pendingSchedule: (dueAt: string, scheduleId: string) => ({
    GSI1PK: 'SCHEDULE#PENDING',
    GSI1SK: `${dueAt}#${scheduleId}`,
  }),
} as const;

export const prefixes = {
  customerPartition: (customerId: string) => `CUSTOMER#${customerId}`,
  interaction: 'INTERACTION#',
  message: 'MESSAGE#',
  pendingSchedules: 'SCHEDULE#PENDING',
} as const;
