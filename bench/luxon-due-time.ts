import { DateTime, Duration } from 'luxon';
import type { Delay } from '../core/automation/automation.ts';
import type { DueTime } from '../core/automation/delay.ts';

/**
 * computeDueTime as it was before the zone-offset cache: luxon on every call (each offset is an
 * Intl.DateTimeFormat#formatToParts). Kept to measure the cached version against it in the same run.
 */
export function luxonDueTime(delay: Delay, from: Date, timeZone: string): DueTime {
  const start = DateTime.fromJSDate(from, { zone: timeZone });
  const due = dueDateTime(delay, start);
  return {
    instant: due.toUTC().toISO({ suppressMilliseconds: false }) ?? '',
    localDateTime: due.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
    timeZone,
  };
}

function dueDateTime(delay: Delay, start: DateTime): DateTime {
  switch (delay.kind) {
    case 'none':
      return start;
    case 'after':
      return start.plus(Duration.fromISO(delay.duration));
    case 'next-day-at': {
      const [hour = 0, minute = 0] = delay.time.split(':').map(Number);
      return start.plus({ days: 1 }).set({ hour, minute, second: 0, millisecond: 0 });
    }
    case 'before-date':
      throw new Error('before-date is anchored on a date field, not an instant');
  }
}
