import * as z from 'zod';
import { Channel } from '../channels.ts';
import { Instant, TimeZone } from '../time-zone.ts';
import { StorableNumber, withinStoredSize } from '../validation/storable.ts';
import { ExternalIdValue, MultiLineText, SingleLineText } from '../validation/text.ts';

/** Ids travel in keys and URLs, so they are kept to a safe alphabet. */
export const EntityId = z
  .string()
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/,
    'use letters, digits and _ . : @ - only, starting with a letter or digit',
  );

/** The system an external id comes from: `pos`, `call-centre`, `web`, ... */
export const SourceSystem = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use kebab-case, e.g. call-centre');

export { ExternalIdValue };

export const Locale = z
  .string()
  .max(35)
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'use a BCP 47 tag such as es-CO or en');

export const ConsentStatus = z.enum(['granted', 'denied']);
export type ConsentStatus = z.infer<typeof ConsentStatus>;

/** Consent is always recorded with where it came from and when, so it can be proven later. */
export const Consent = z.strictObject({
  status: ConsentStatus,
  source: SingleLineText(80),
  at: Instant,
});
export type Consent = z.infer<typeof Consent>;

export const ContactPoints = z.strictObject({
  email: z.email('must be an email address such as ana@example.com').max(254).optional(),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'use E.164, e.g. +573001234567')
    .optional(),
});

export const Owner = z.strictObject({
  id: EntityId,
  name: SingleLineText(120),
  email: z.email().max(254).optional(),
});
export type Owner = z.infer<typeof Owner>;

/** Attribute names are read by templates and conditions (`customer.attributes.vip`). */
export const AttributeName = z
  .string()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'use letters, digits, _ and - only, starting with a letter');

export const AttributeValue = z.union([MultiLineText(2000), StorableNumber, z.boolean(), z.null()]);

/** A customer record always fits one DynamoDB item (400 KB) with room for what Rapport adds. */
const MAX_CUSTOMER_BYTES = 64 * 1024;

const CustomerFields = z.strictObject({
  id: EntityId.optional(),
  // At most 20: each one is written in the profile's transaction (DynamoDB allows 100 items).
  externalIds: z
    .record(SourceSystem, ExternalIdValue)
    .default({})
    .refine((value) => Object.keys(value).length <= 20, 'at most 20 external ids'),
  name: z.strictObject({
    given: SingleLineText(120),
    family: SingleLineText(120).optional(),
  }),
  locale: Locale.default('en'),
  /** Optional: without it the deployment's default zone applies (documented policy). */
  timeZone: TimeZone.optional(),
  contact: ContactPoints.default({}),
  channelPreferences: z
    .array(Channel)
    .max(Channel.options.length)
    .default([])
    .refine((list) => new Set(list).size === list.length, 'lists a channel twice'),
  consent: z.partialRecord(Channel, Consent).default({}),
  owner: Owner.optional(),
  attributes: z
    .record(AttributeName, AttributeValue)
    .default({})
    .refine((value) => Object.keys(value).length <= 100, 'at most 100 attributes'),
});

/** What a touchpoint sends to create or replace a customer. */
export const CustomerInput = CustomerFields.superRefine(withinStoredSize(MAX_CUSTOMER_BYTES));
export type CustomerInput = z.input<typeof CustomerInput>;

/**
 * The profile as stored: what touchpoints own. Consent and everything Rapport computes or learns
 * live in their own items (consent.ts, system-state.ts) and are composed on read (customer-view.ts).
 */
export const CustomerProfile = CustomerFields.omit({ consent: true }).extend({
  id: EntityId,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type CustomerProfile = z.infer<typeof CustomerProfile>;
