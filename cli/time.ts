import { DateTime } from 'luxon';

/** "Tue 24 Nov 2026 10:00 America/Bogota (15:00 UTC)": what a reader in the customer's place sees. */
export function localTime(at: Date | string, timeZone: string): string {
  const instant = typeof at === 'string' ? new Date(at) : at;
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  const utc = DateTime.fromJSDate(instant, { zone: 'UTC' });
  const sameDay = local.toISODate() === utc.toISODate();
  return `${local.toFormat('ccc d LLL yyyy HH:mm')} ${timeZone} (${utc.toFormat(sameDay ? 'HH:mm' : 'd LLL HH:mm')} UTC)`;
}
