import { DateTime, Duration } from 'luxon';
import type { Delay } from './automation.ts';
import { assertNever } from './conditions.ts';

/**
 * When a delayed action is due, both as a UTC instant and as the wall-clock time in the customer's
 * zone. The scheduler gets the wall-clock form plus the zone (EventBridge Scheduler `at()` takes
 * both), so the platform, not our arithmetic, owns the zone rules on the day it fires.
 */
export interface DueTime {
  readonly instant: string;
  readonly localDateTime: string;
  readonly timeZone: string;
}

/**
 * Luxon resolves wall-clock times that fall in a DST gap by moving forward and ambiguous ones to
 * the earlier offset; that is the behaviour we want for "next day at 10:00".
 */
export function computeDueTime(delay: Delay, from: Date, timeZone: string): DueTime {
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
    default:
      return assertNever(delay);
  }
}
