/**
 * The complaint-steps function as the CDK deploys it: the recovery workflow's task handler
 * (core/complaints/recovery-steps.ts). Not in functions/registry.ts yet: its messages still have
 * to be handed to the dispatcher (see docs/complaints.md, "Not done yet").
 */
export const complaintSteps = {
  name: 'complaint-steps',
  description: 'Rapport complaint recovery steps: assign, acknowledge, remind, escalate, thank',
  // GetItem/PutItem: the case item (conditional on its history length) and the token item.
  // Query: the open cases per owner, for the least-loaded assignment.
  tableActions: ['GetItem', 'Query', 'PutItem'],
  loadsCatalog: true,
} as const;
