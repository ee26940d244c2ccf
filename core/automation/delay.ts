import { DateTime, Duration } from 'luxon';
import {
  atTimeOfDay,
  type CalendarShift,
  formatInstant,
  formatWallClock,
  plusShift,
} from '../time/wall-clock.ts';
import { type ZoneOffsets, zoneOffsets } from '../time/zone-offsets.ts';
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
 * The semantics are luxon's: `from` placed in the zone, plus the delay (calendar units such as P1D
 * or P1M on the wall clock, hours and less as elapsed time), "next day at HH:mm" on the customer's
 * own calendar. A wall-clock time in a DST gap moves forward by the gap. An ambiguous one (clocks
 * going back) keeps the offset the calculation carries in, as luxon does: for `after`, the offset
 * at `from`; for `next-day-at`, the offset at `from`'s time of day on the due day. So "next day at
 * 01:30" on New York's fall-back night is the first 01:30 (EDT) when `from` was before 02:00 in its
 * day and the second (EST) otherwise.
 *
 * The arithmetic runs on offsets cached per zone and UTC day (core/time), step for step as luxon
 * does it; a unit test compares both around every DST change of 2025-2028 in zones chosen for their
 * oddities, and on random instants and zones. Input off that fast path's checked ground (a name
 * luxon reads otherwise, such as "local"; an invalid date; a duration form the catalog never
 * accepts; years outside 1900-2200) goes to luxon itself, so the answer is luxon's in every case.
 */
export function computeDueTime(delay: Delay, from: Date, timeZone: string): DueTime {
  const zone = zoneOffsets(timeZone);
  const start = from.getTime();
  if (zone !== undefined && start >= EARLIEST && start < LATEST) {
    const due = fastDue(delay, start, zone);
    if (due !== undefined && due >= EARLIEST && due < LATEST) {
      return {
        instant: formatInstant(due),
        localDateTime: formatWallClock(due, zone.offsetAt(due)),
        timeZone,
      };
    }
  }
  return luxonDueTime(delay, from, timeZone);
}

/** The range the fast path answers for (4-digit years; the catalog and the API stay well inside). */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/** The due instant in epoch ms, or undefined to let luxon answer. */
function fastDue(delay: Delay, start: number, zone: ZoneOffsets): number | undefined {
  switch (delay.kind) {
    case 'none':
      return start;
    case 'after': {
      const shift = parsedDuration(delay.duration);
      return shift === null ? undefined : plusShift(start, shift, zone);
    }
    case 'next-day-at': {
      const time = parsedTime(delay.time);
      if (time === null) return undefined;
      return atTimeOfDay(plusShift(start, NEXT_DAY, zone), time.hour, time.minute, zone);
    }
    case 'before-date':
      return undefined;
    default:
      return assertNever(delay);
  }
}

const NEXT_DAY: CalendarShift = { years: 0, months: 0, days: 1, milliseconds: 0 };

/** The durations the catalog accepts (whole units, no sign or fraction); anything else is luxon's. */
const ISO_DURATION =
  /^P(?!$)(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?=\d)(?:(\d{1,9})H)?(?:(\d{1,9})M)?(?:(\d{1,9})S)?)?$/;

const durations = new Map<string, CalendarShift | null>();

function parsedDuration(text: string): CalendarShift | null {
  let shift = durations.get(text);
  if (shift === undefined) {
    shift = parseDuration(text);
    if (durations.size >= 1000) durations.clear();
    durations.set(text, shift);
  }
  return shift;
}

function parseDuration(text: string): CalendarShift | null {
  const match = ISO_DURATION.exec(text);
  if (!match) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  const shift = {
    years: years ?? 0,
    months: months ?? 0,
    days: (days ?? 0) + (weeks ?? 0) * 7,
    milliseconds: (hours ?? 0) * 3_600_000 + (minutes ?? 0) * 60_000 + (seconds ?? 0) * 1000,
  };
  // Keep results inside the fast path's range: at most about 200 years.
  const roughDays =
    shift.years * 366 + shift.months * 31 + shift.days + shift.milliseconds / 86_400_000;
  return roughDays <= 200 * 366 ? shift : null;
}

const times = new Map<string, { hour: number; minute: number } | null>();

function parsedTime(text: string): { hour: number; minute: number } | null {
  let time = times.get(text);
  if (time === undefined) {
    const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
    time = match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
    if (times.size >= 1000) times.clear();
    times.set(text, time);
  }
  return time;
}

/**
 * Luxon itself: the reference semantics (the tests and the bench hold the fast path to it), and
 * the answer for input off the fast path.
 */
export function luxonDueTime(delay: Delay, from: Date, timeZone: string): DueTime {
  const start = DateTime.fromJSDate(from, { zone: timeZone });
  const due = luxonDue(delay, start);
  return {
    instant: due.toUTC().toISO({ suppressMilliseconds: false }) ?? '',
    localDateTime: due.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
    timeZone,
  };
}

function luxonDue(delay: Delay, start: DateTime): DateTime {
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
      // Its anchor is a date the customer carries, not an instant: see dueBeforeDate.
      throw new Error('a before-date delay is computed from its date field (dueBeforeDate)');
    default:
      return assertNever(delay);
  }
}

/**
 * "N days before a date field at HH:mm": the date (YYYY-MM-DD, or the date part of an ISO instant)
 * on the customer's calendar, minus the days, at the local time. Undefined when the field holds no
 * date, so a customer without one does not enter.
 */
export function dueBeforeDate(
  delay: Extract<Delay, { kind: 'before-date' }>,
  value: unknown,
  timeZone: string,
): DueTime | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return undefined;
  const [hour = 0, minute = 0] = delay.time.split(':').map(Number);
  const due = DateTime.fromObject(
    { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour, minute },
    { zone: timeZone },
  ).minus({ days: delay.days });
  if (!due.isValid) return undefined;
  return {
    instant: due.toUTC().toISO({ suppressMilliseconds: false }) ?? '',
    localDateTime: due.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
    timeZone,
  };
}
