import { z } from 'zod';

/**
 * Every way a customer can be reached. Only `email` has a sender today; the rest are recorded as
 * preferences and consent so that the messaging capability can add senders without a migration.
 */
export const Channel = z.enum(['email', 'sms', 'phone', 'post', 'visit']);
export type Channel = z.infer<typeof Channel>;

/** Channels the dispatcher can deliver through today. */
export const DeliverableChannel = z.enum(['email']);
export type DeliverableChannel = z.infer<typeof DeliverableChannel>;
