import * as z from 'zod';

/** Every way a customer can be reached, as preferences and consent name them. */
export const Channel = z.enum(['email', 'sms', 'phone', 'post', 'visit']);
export type Channel = z.infer<typeof Channel>;

/**
 * Channels a message can go out on: email (SES v2), SMS (End User Messaging SMS), and a task for
 * the customer's owner to call (`phone`) or visit (`visit`). `post` is kept as a preference and a
 * consent, but nothing sends letters.
 */
export const DeliveryChannel = z.enum(['email', 'sms', 'phone', 'visit']);
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;

/** What an automation asks for: one channel, or the customer's preferred one that can be used. */
export const RequestedChannel = z.union([DeliveryChannel, z.literal('preferred')]);
export type RequestedChannel = z.infer<typeof RequestedChannel>;

/** The part of a template each channel renders. */
export const TEMPLATE_PART: Readonly<Record<DeliveryChannel, 'email' | 'sms' | 'task'>> = {
  email: 'email',
  sms: 'sms',
  phone: 'task',
  visit: 'task',
};
