import { IANAZone } from 'luxon';
import * as z from 'zod';

/**
 * An IANA time zone name such as `America/Bogota`; offsets like `-05:00` are refused on purpose.
 * Names are normalised to their canonical spelling (`america/bogota` -> `America/Bogota`,
 * `US/Eastern` -> `America/New_York`), so what is stored is always a name EventBridge Scheduler
 * accepts.
 */
export const TimeZone = z
  .string()
  .max(64)
  .refine(
    (zone) => zone.includes('/') || zone.toUpperCase() === 'UTC',
    'must be an IANA zone name such as America/Bogota',
  )
  .refine((zone) => IANAZone.isValidZone(zone), 'is not a known IANA time zone')
  .transform(canonicalZone);
export type TimeZone = z.infer<typeof TimeZone>;

export function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

/**
 * The instants Rapport accepts from touchpoints. History from before 1990 is not relationship data
 * any system here would hold, and anything after 2100 is a typo; both are refused at the edge.
 * (Instants in the future relative to now are checked by the use cases, which know the time.)
 */
export const EARLIEST_INSTANT = '1990-01-01T00:00:00.000Z';
export const LATEST_INSTANT = '2100-01-01T00:00:00.000Z';

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$/;

/** An instant with an explicit offset (`2026-11-23T15:00:00-05:00`), normalised to UTC ISO. */
export const Instant = z
  .string()
  .superRefine((value, context) => {
    const problem = instantProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => new Date(value).toISOString());
export type Instant = z.infer<typeof Instant>;

function instantProblem(value: string): string | undefined {
  if (WITHOUT_OFFSET.test(value))
    return `'${value}' has no time-zone offset; add Z for UTC or the local offset, e.g. 2026-11-23T15:00:00-05:00 (local times are never guessed)`;
  if (!WITH_OFFSET.test(value) || !z.iso.datetime({ offset: true }).safeParse(value).success)
    return `'${value.slice(0, 40)}' is not a date and time; use ISO 8601 with an offset, e.g. 2026-11-23T15:00:00-05:00`;
  const at = Date.parse(value);
  if (at < Date.parse(EARLIEST_INSTANT) || at >= Date.parse(LATEST_INSTANT))
    return `must be between ${EARLIEST_INSTANT.slice(0, 10)} and ${LATEST_INSTANT.slice(0, 10)}`;
  return undefined;
}

/** How far ahead of the server's clock a touchpoint's clock may run before its times are refused. */
export const MAX_CLOCK_SKEW_MS = 24 * 3600_000;

/** Undefined when `instant` is not later than now plus the allowed skew; else what to tell the caller. */
export function futureProblem(instant: string, now: Date): string | undefined {
  const limit = now.getTime() + MAX_CLOCK_SKEW_MS;
  return Date.parse(instant) > limit
    ? `is in the future (${instant}); times later than ${new Date(limit).toISOString()} (now plus one day) are refused`
    : undefined;
}
