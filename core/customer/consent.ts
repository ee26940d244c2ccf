import * as z from 'zod';
import type { Channel } from '../channels.ts';
import { Consent } from './customer.ts';

/** The consent decision in force for one channel, with who recorded it. */
export const ConsentRecord = Consent.extend({
  /** The calling principal (the touchpoint's IAM ARN on AWS; `local` in the local runtime). */
  by: z.string(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

export type ConsentMap = Partial<Record<Channel, ConsentRecord>>;

/** One entry of a customer's consent history: every decision ever recorded, in or out of force. */
export interface ConsentChange extends ConsentRecord {
  readonly channel: Channel;
  /** Unique per recorded change (two changes may share an `at`). */
  readonly changeId: string;
  /** When Rapport recorded it (`at` is when the customer decided, as the caller said). */
  readonly recordedAt: string;
}

/**
 * A decision only replaces the one in force when it is at least as recent: a late-arriving older
 * decision is kept in the history but does not undo a newer one.
 */
export function supersedes(change: Pick<ConsentRecord, 'at'>, current?: ConsentRecord): boolean {
  return current === undefined || Date.parse(change.at) >= Date.parse(current.at);
}
