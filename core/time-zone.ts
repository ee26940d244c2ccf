import { IANAZone } from 'luxon';
import { z } from 'zod';

/** An IANA time zone name such as `America/Bogota`; offsets like `-05:00` are refused on purpose. */
export const TimeZone = z
  .string()
  .refine(
    (zone) => zone.includes('/') || zone === 'UTC',
    'must be an IANA zone name such as America/Bogota',
  )
  .refine((zone) => IANAZone.isValidZone(zone), 'is not a known IANA time zone');
export type TimeZone = z.infer<typeof TimeZone>;

/** An instant with an explicit offset (`2026-11-23T15:00:00-05:00`), normalised to UTC ISO. */
export const Instant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString());
export type Instant = z.infer<typeof Instant>;
