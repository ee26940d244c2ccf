import { localMs } from './wall-clock.ts';

/**
 * UTC offsets of IANA time zones, computed once per zone and UTC day and then answered from memory.
 *
 * The answers are exactly what luxon's `IANAZone.offset(ts)` returns (minutes east of UTC, from the
 * same `Intl` data): the instant is truncated to the second, the zone's wall clock at that second
 * is read with `Intl.DateTimeFormat`, and the offset is the difference. Luxon asks `Intl` on every
 * call (a few microseconds each, several times per due time); here `Intl` is asked about 9 times
 * per zone and UTC day the first time the day is needed, plus ~14 times per offset change found
 * in it (a binary search to the second), and never again for that day.
 *
 * How changes are found: the offset is probed every 3 hours across the day; where two neighbouring
 * probes differ, a bisection finds every second at which the offset changes. The one assumption is
 * that no zone changes its offset and changes it back within 3 hours (offset periods last weeks at
 * least; test/unit/zone-offsets.test.ts compares with luxon on every zone Intl knows). Everything
 * else (gaps, overlaps, 30- and 45-minute offsets, zones that skip a whole day) is found from the
 * data, not assumed.
 *
 * Pure in the sense core needs: no clock, no I/O. The memory is a cache of a deterministic
 * function of (zone, instant), bounded per zone.
 */

const SECOND = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Probe spacing within a day: an offset that changes and changes back within it would be missed. */
const PROBE = 3 * HOUR;
const PROBES_PER_DAY = DAY / PROBE;
/** Days remembered per zone before the cache starts over (about 27 years of distinct days). */
const MAX_DAYS_PER_ZONE = 10_000;
/** The largest epoch ms a Date holds. */
const MAX_TIME = 8.64e15;

/**
 * A day's offsets: a plain number when the offset holds all day (almost every day), else
 * `[offsetAtStart, change1, offset1, change2, offset2, ...]` with each change an epoch-ms second.
 */
type DayOffsets = number | readonly number[];

export interface ZoneOffsets {
  /** The zone name as given (what `Intl` accepted). */
  readonly zone: string;
  /** Minutes east of UTC at epoch-ms `ts`, as luxon's `IANAZone.offset(ts)` computes it. */
  offsetAt(ts: number): number;
}

const zones = new Map<string, ZoneOffsets | null>();

/**
 * The offsets of `zone`, or undefined when it is not an IANA zone `Intl` knows, or when luxon would
 * not read it as one ("local", "system", "default", "utc+3": luxon gives those other meanings).
 */
export function zoneOffsets(zone: string): ZoneOffsets | undefined {
  let cached = zones.get(zone);
  if (cached === undefined) {
    cached = createZoneOffsets(zone);
    // Unknown names are remembered too, but not without bound (they come from data).
    if (cached !== null || zones.size < 10_000) zones.set(zone, cached);
  }
  return cached ?? undefined;
}

/** Names luxon resolves to something other than an IANA zone (luxon's normalizeZone). */
const LUXON_SPECIAL = /^(default|local|system|utc|gmt)$|^utc(?:[+-]\d{1,2})(?::\d{2})?$/i;

function createZoneOffsets(zone: string): ZoneOffsets | null {
  const lowered = zone.toLowerCase();
  // "utc" and "gmt" are a fixed zero offset in luxon, and Intl agrees: keep the fast path.
  if (lowered !== 'utc' && lowered !== 'gmt' && LUXON_SPECIAL.test(zone)) return null;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      era: 'short',
    });
  } catch {
    return null;
  }
  return new CachedZoneOffsets(zone, format);
}

class CachedZoneOffsets implements ZoneOffsets {
  private readonly days = new Map<number, DayOffsets>();

  constructor(
    readonly zone: string,
    private readonly format: Intl.DateTimeFormat,
  ) {}

  offsetAt(ts: number): number {
    // Flooring to the second never changes the day: days are whole seconds.
    const ms = Math.trunc(ts);
    const day = Math.floor(ms / DAY);
    let offsets = this.days.get(day);
    if (offsets === undefined) {
      // What `new Date(ts)` refuses, luxon answers with NaN.
      if (!(Math.abs(ms) <= MAX_TIME)) return Number.NaN;
      offsets = this.loadDay(day);
    }
    if (typeof offsets === 'number') return offsets;
    const second = toSecond(ms);
    let offset = offsets[0] as number;
    for (let i = 1; i < offsets.length; i += 2) {
      if (second < (offsets[i] as number)) break;
      offset = offsets[i + 1] as number;
    }
    return offset;
  }

  private loadDay(day: number): DayOffsets {
    const start = day * DAY;
    const probes: number[] = [];
    for (let i = 0; i <= PROBES_PER_DAY; i++) probes.push(this.intlOffset(start + i * PROBE));
    const changes: number[] = [];
    for (let i = 0; i < PROBES_PER_DAY; i++) {
      const before = probes[i] as number;
      const after = probes[i + 1] as number;
      if (before !== after) {
        this.bisect(start + i * PROBE, before, start + (i + 1) * PROBE, after, changes);
      }
    }
    // A change at the next day's first second belongs to the next day.
    const end = start + DAY;
    const inDay: number[] = [probes[0] as number];
    for (let i = 0; i < changes.length; i += 2) {
      if ((changes[i] as number) < end) inDay.push(changes[i] as number, changes[i + 1] as number);
    }
    const offsets: DayOffsets = inDay.length === 1 ? (inDay[0] as number) : inDay;
    if (this.days.size >= MAX_DAYS_PER_ZONE) this.days.clear();
    this.days.set(day, offsets);
    return offsets;
  }

  /** Every second in (low, high] where the offset changes, given the offsets at both ends. */
  private bisect(low: number, atLow: number, high: number, atHigh: number, out: number[]): void {
    if (high - low <= SECOND) {
      out.push(high, atHigh);
      return;
    }
    const middle = low + Math.floor((high - low) / 2 / SECOND) * SECOND;
    const atMiddle = this.intlOffset(middle);
    if (atMiddle !== atLow) this.bisect(low, atLow, middle, atMiddle, out);
    if (atMiddle !== atHigh) this.bisect(middle, atMiddle, high, atHigh, out);
  }

  /** Luxon's IANAZone.offset for a whole second: the wall clock Intl reads, minus the instant. */
  private intlOffset(second: number): number {
    // year, month, day, hour, minute, second, as luxon's partsOffset collects them.
    const fields = [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN];
    let bc = false;
    for (const { type, value } of this.format.formatToParts(second)) {
      const position = FIELD_POSITION[type];
      if (position !== undefined) fields[position] = Number.parseInt(value, 10);
      else if (type === 'era') bc = value === 'BC';
    }
    const [year = Number.NaN, month, day, hour, minute, seconds] = fields as [number, ...number[]];
    const wallClock = localMs(
      bc ? -Math.abs(year) + 1 : year,
      month as number,
      day as number,
      hour === 24 ? 0 : (hour as number),
      minute as number,
      seconds as number,
      0,
    );
    return (wallClock - second) / (60 * 1000);
  }
}

const FIELD_POSITION: Partial<Record<string, number>> = {
  year: 0,
  month: 1,
  day: 2,
  hour: 3,
  minute: 4,
  second: 5,
};

/** The second luxon asks Intl about: an integer instant (as `new Date` makes it) floored to the second. */
function toSecond(ms: number): number {
  const over = ms % SECOND;
  return ms - (over >= 0 ? over : SECOND + over);
}
