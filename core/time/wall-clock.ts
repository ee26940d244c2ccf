import type { ZoneOffsets } from './zone-offsets.ts';

/**
 * Calendar arithmetic on wall-clock times in a zone, step for step as luxon's DateTime does it
 * (`fromJSDate`, `plus`, `set`, `toFormat`, `toISO`), on offsets from the per-day cache
 * (zone-offsets.ts) and with integer calendar arithmetic instead of Date objects. Each function
 * names the luxon internal it mirrors; float expressions are written as luxon writes them, so even
 * offsets with seconds (local mean times before 1972) round identically.
 */

const DAY = 86_400_000;

/** Wall-clock fields, as luxon's `c` object holds them (month 1-12). */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

/**
 * The fields of epoch ms `ms` read in UTC, as `new Date(ms).getUTC*()` gives them (the value is
 * truncated to an integer first, as `new Date` does).
 */
export function fieldsOf(ms: number): WallClock {
  const t = Math.trunc(ms);
  const days = Math.floor(t / DAY);
  const inDay = t - days * DAY;
  // Howard Hinnant's civil_from_days, on days since 1970-01-01.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(inDay / 3_600_000);
  const minute = Math.floor((inDay % 3_600_000) / 60_000);
  const second = Math.floor((inDay % 60_000) / 1000);
  return { year, month, day, hour, minute, second, millisecond: inDay % 1000 };
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * Integer wall-clock fields read as if they were UTC, in epoch ms (luxon's `objToLocalTS`, i.e.
 * `Date.UTC` without its 19xx reading of years 0-99): fields out of range roll over, so month 13
 * is next January and day 32 a day of the next month.
 */
export function localMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millisecond: number,
): number {
  const month0 = month - 1;
  const yearShift = Math.floor(month0 / 12);
  const days = daysFromCivil(year + yearShift, month0 - yearShift * 12 + 1, 1) + day - 1;
  return days * DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + millisecond;
}

/** The wall clock at `ts` for `offset` minutes east of UTC (luxon's `tsToObj`). */
export function wallClockAt(ts: number, offset: number): WallClock {
  return fieldsOf(ts + offset * 60 * 1000);
}

/**
 * The same wall clock as a local ms value (luxon's `objToLocalTS(tsToObj(ts, offset))`: the Date
 * round trip only truncates to an integer), for arithmetic that needs no calendar fields.
 */
export function wallMsAt(ts: number, offset: number): number {
  return Math.trunc(ts + offset * 60 * 1000);
}

/**
 * The instant a wall-clock time stands for, starting from the guess `offset` (luxon's `fixOffset`):
 * the guess wins when it is valid, so an ambiguous time (clocks going back) keeps the offset the
 * calculation started from; a time in a gap (clocks going forward) moves forward by the gap.
 */
export function instantOf(local: number, offset: number, zone: ZoneOffsets): number {
  let utcGuess = local - offset * 60 * 1000;
  const o2 = zone.offsetAt(utcGuess);
  if (offset === o2) return utcGuess;
  utcGuess -= (o2 - offset) * 60 * 1000;
  const o3 = zone.offsetAt(utcGuess);
  if (o2 === o3) return utcGuess;
  return local - Math.min(o2, o3) * 60 * 1000;
}

/** A whole-unit duration as luxon's `adjustTime` applies it. */
export interface CalendarShift {
  readonly years: number;
  readonly months: number;
  /** Days, weeks included (7 each). */
  readonly days: number;
  /** Hours, minutes and seconds: elapsed time, added to the instant after the calendar part. */
  readonly milliseconds: number;
}

/**
 * `DateTime.plus(shift)`: years and months on the calendar (the day clamped to the new month's
 * length), then days on the calendar, the wall-clock time kept; then the elapsed part on the instant.
 */
export function plusShift(ts: number, shift: CalendarShift, zone: ZoneOffsets): number {
  const offset = zone.offsetAt(ts);
  const local =
    shift.years === 0 && shift.months === 0
      ? // Same month: the day clamp is a no-op, so this is the wall clock plus whole days.
        wallMsAt(ts, offset) + shift.days * DAY
      : shiftedMonths(wallClockAt(ts, offset), shift);
  const shifted = instantOf(local, offset, zone);
  return shift.milliseconds === 0 ? shifted : shifted + shift.milliseconds;
}

function shiftedMonths(c: WallClock, shift: CalendarShift): number {
  const year = c.year + shift.years;
  const month = c.month + shift.months;
  const day = Math.min(c.day, daysInMonth(year, month)) + shift.days;
  return localMs(year, month, day, c.hour, c.minute, c.second, c.millisecond);
}

/** `DateTime.set({ hour, minute, second: 0, millisecond: 0 })` on the wall clock at `ts`. */
export function atTimeOfDay(ts: number, hour: number, minute: number, zone: ZoneOffsets): number {
  const offset = zone.offsetAt(ts);
  // The wall clock's date at midnight, plus the time: localMs of the same fields, without them.
  const midnight = Math.floor(wallMsAt(ts, offset) / DAY) * DAY;
  return instantOf(midnight + hour * 3_600_000 + minute * 60_000, offset, zone);
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Luxon's `daysInMonth`: the month may be out of 1-12 (month 13 is next year's January). */
export function daysInMonth(year: number, month: number): number {
  const modMonth = ((((month - 1) % 12) + 12) % 12) + 1;
  const modYear = year + (month - modMonth) / 12;
  if (modMonth === 2) return isLeapYear(modYear) ? 29 : 28;
  return MONTH_DAYS[modMonth - 1] as number;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** `yyyy-MM-dd` by day number: due times cluster on few days, so each is computed once. */
const dates = new Map<number, string>();

function dateText(days: number): string {
  let text = dates.get(days);
  if (text === undefined) {
    const c = fieldsOf(days * DAY);
    text = `${c.year}-${TWO_DIGITS[c.month]}-${TWO_DIGITS[c.day]}`;
    if (dates.size >= 10_000) dates.clear();
    dates.set(days, text);
  }
  return text;
}

/** `yyyy-MM-dd'T'HH:mm:ss` plus `.SSS` when asked, of epoch ms read in UTC; years 1000-9999. */
function isoText(ms: number, withMilliseconds: boolean): string {
  const t = Math.trunc(ms);
  const days = Math.floor(t / DAY);
  const inDay = t - days * DAY;
  const time = `${TWO_DIGITS[Math.floor(inDay / 3_600_000)]}:${TWO_DIGITS[Math.floor((inDay % 3_600_000) / 60_000)]}:${TWO_DIGITS[Math.floor((inDay % 60_000) / 1000)]}`;
  return withMilliseconds
    ? `${dateText(days)}T${time}.${THREE_DIGITS[inDay % 1000]}`
    : `${dateText(days)}T${time}`;
}

/** The wall clock at `ts` as `yyyy-MM-dd'T'HH:mm:ss` (luxon's `toFormat` of `tsToObj(ts, offset)`). */
export function formatWallClock(ts: number, offset: number): string {
  return isoText(ts + offset * 60 * 1000, false);
}

/** UTC ISO 8601 with milliseconds (`toUTC().toISO()`, `Date#toISOString`); years 1000-9999. */
export function formatInstant(ts: number): string {
  return `${isoText(ts, true)}Z`;
}
