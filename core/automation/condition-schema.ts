import { Duration } from 'luxon';
import * as z from 'zod';

/**
 * A dotted path into the evaluation facts: `event.*`, `customer.*` and what the trigger adds
 * (`interaction.type` for interaction.recorded, ...). The catalog checks each path against the
 * trigger's sample facts, so a path the trigger cannot have fails validation.
 */
export const FactPath = z
  .string()
  .regex(
    /^[a-z][A-Za-z]*(\.[A-Za-z0-9_-]+)+$/,
    'use a dotted path such as interaction.type or customer.attributes.segment',
  );

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const Condition = z.discriminatedUnion('op', [
  z.object({ fact: FactPath, op: z.enum(['equals', 'not-equals']), value: Scalar }).strict(),
  z
    .object({ fact: FactPath, op: z.enum(['in', 'not-in']), value: z.array(Scalar).min(1) })
    .strict(),
  z.object({ fact: FactPath, op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number() }).strict(),
  z.object({ fact: FactPath, op: z.enum(['exists', 'not-exists']) }).strict(),
]);
export type Condition = z.infer<typeof Condition>;

/** Longer waits are not relationship timing but data mistakes (and keep due times in range). */
export const MAX_DELAY_MS = 5 * 366 * 86_400_000;

/** ISO 8601 duration, e.g. PT2H or P3D, at most five years. */
export const IsoDuration = z
  .string()
  .regex(/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, {
    message: 'use an ISO 8601 duration such as PT2H or P3D',
  })
  .refine(
    (text) => Duration.fromISO(text).toMillis() <= MAX_DELAY_MS,
    'must be at most 5 years (P5Y)',
  );

export const LocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use 24-hour HH:mm, e.g. 10:00');
