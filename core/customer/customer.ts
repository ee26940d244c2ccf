import { z } from 'zod';
import { Channel } from '../channels.ts';
import { Instant, TimeZone } from '../time-zone.ts';

/** Ids travel in keys and URLs, so they are kept to a safe alphabet. */
export const EntityId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/, 'use letters, digits and _ . : @ - only');

/** The system an external id comes from: `pos`, `call-centre`, `web`, ... */
export const SourceSystem = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use kebab-case, e.g. call-centre');

export const Locale = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'use a BCP 47 tag such as es-CO or en');

export const ConsentStatus = z.enum(['granted', 'denied']);
export type ConsentStatus = z.infer<typeof ConsentStatus>;

/** Consent is always recorded with where it came from and when, so it can be proven later. */
export const Consent = z.object({
  status: ConsentStatus,
  source: z.string().min(1).max(80),
  at: Instant,
});
export type Consent = z.infer<typeof Consent>;

export const ContactPoints = z.object({
  email: z.email().optional(),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'use E.164, e.g. +573001234567')
    .optional(),
});

export const Owner = z.object({
  id: EntityId,
  name: z.string().min(1).max(120),
  email: z.email().optional(),
});
export type Owner = z.infer<typeof Owner>;

export const AttributeValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

/** What a touchpoint sends to create or replace a customer. */
export const CustomerInput = z
  .object({
    id: EntityId.optional(),
    // At most 20: each one is written in the profile's transaction (DynamoDB allows 100 items).
    externalIds: z
      .record(SourceSystem, z.string().min(1).max(128))
      .default({})
      .refine((value) => Object.keys(value).length <= 20, 'at most 20 external ids'),
    name: z.object({
      given: z.string().min(1).max(120),
      family: z.string().max(120).optional(),
    }),
    locale: Locale.default('en'),
    /** Optional: without it the deployment's default zone applies (documented policy). */
    timeZone: TimeZone.optional(),
    contact: ContactPoints.default({}),
    channelPreferences: z
      .array(Channel)
      .default([])
      .refine((list) => new Set(list).size === list.length, 'lists a channel twice'),
    consent: z.partialRecord(Channel, Consent).default({}),
    owner: Owner.optional(),
    attributes: z
      .record(z.string().min(1).max(80), AttributeValue)
      .default({})
      .refine((value) => Object.keys(value).length <= 100, 'at most 100 attributes'),
  })
  .strict();
export type CustomerInput = z.input<typeof CustomerInput>;

export const Customer = CustomerInput.extend({
  id: EntityId,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Customer = z.infer<typeof Customer>;
