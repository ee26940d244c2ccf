import { hash } from 'node:crypto';

export type Group = 'treatment' | 'holdout';

/**
 * Which group a customer is in for one automation: a hash of (automation id, customer id) mapped
 * onto [0, 1) and compared with the share. Deterministic, so a re-entering customer stays in the
 * same group and a replayed event decides the same; independent per automation, so one customer is
 * not held out of everything.
 */
export function groupOf(automationId: string, customerId: string, share: number): Group {
  if (share <= 0) return 'treatment';
  return bucketOf(automationId, customerId) < share ? 'holdout' : 'treatment';
}

/** The customer's position in [0, 1) for this automation (the first 52 bits of a SHA-256). */
export function bucketOf(automationId: string, customerId: string): number {
  const digest = hash('sha256', `holdout\n${automationId}\n${customerId}`, 'hex');
  return Number.parseInt(digest.slice(0, 13), 16) / 2 ** 52;
}
