import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Delay } from '../../core/automation/automation.ts';
import { computeDueTime, luxonDueTime } from '../../core/automation/delay.ts';
import { zoneOffsets } from '../../core/time/zone-offsets.ts';

/**
 * computeDueTime answers from offsets cached per zone and day instead of asking luxon (and Intl)
 * on every call. Its promise is to answer exactly what luxon answers; these tests hold it to that
 * around every DST change of 2025-2028 in zones picked for their oddities, and on random input.
 */

/** Zones and how many offset changes each has from 2025 through 2028. */
const ZONES: Record<string, number> = {
  'America/Bogota': 0, // no DST
  UTC: 0,
  'Asia/Kathmandu': 0, // +05:45, no DST
  'Europe/Madrid': 8,
  'America/New_York': 8,
  'America/Santiago': 8, // southern hemisphere; springs forward at midnight
  'Australia/Sydney': 8, // southern hemisphere
  'Australia/Lord_Howe': 8, // DST of 30 minutes
  'America/St_Johns': 8, // -03:30 / -02:30
  'Pacific/Chatham': 8, // +12:45 / +13:45
};

const HOUR = 3_600_000;
const MINUTE = 60_000;
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2029, 0, 1);

/**
 * Every offset change in [FROM, TO), found with luxon alone (an hourly scan, then bisection to the
 * millisecond), so the test does not share the cache's way of finding them.
 */
function transitions(zone: string): Transition[] {
  let found = scanned.get(zone);
  if (found === undefined) {
    found = scan(zone);
    scanned.set(zone, found);
  }
  return found;
}

interface Transition {
  readonly at: number;
  readonly before: number;
  readonly after: number;
}

const scanned = new Map<string, Transition[]>();

function scan(zone: string): Transition[] {
  const luxon = IANAZone.create(zone);
  const found: Transition[] = [];
  let previous = luxon.offset(FROM);
  for (let t = FROM + HOUR; t < TO; t += HOUR) {
    const current = luxon.offset(t);
    if (current === previous) continue;
    let low = t - HOUR;
    let high = t;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (luxon.offset(middle) === previous) low = middle;
      else high = middle;
    }
    found.push({ at: high, before: previous, after: current });
    previous = current;
  }
  return found;
}

const hhmm = (minutes: number): string => {
  const wrapped = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
};

/** Wall-clock times of day just around a change, read with the offset before and after it. */
function timesAround(at: number, offsets: readonly number[]): string[] {
  const times = new Set(['00:00', '10:00', '23:59']);
  for (const offset of offsets) {
    const local = at + offset * MINUTE;
    const minuteOfDay = Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / MINUTE);
    for (const step of [-61, -60, -45, -31, -30, -15, -1, 0, 1, 15, 29, 30, 45, 59, 60, 61]) {
      times.add(hhmm(minuteOfDay + step));
    }
  }
  return [...times];
}

const AFTER = ['PT1S', 'PT30M', 'PT1H', 'PT2H', 'PT24H', 'P1D', 'P1DT1H', 'P1W', 'P1M', 'P1Y'];

/** Instants just before, at and after a change; and a day before each, for "next day" and P1D. */
function instantsAround(at: number): number[] {
  const steps = [
    -2 * HOUR,
    -HOUR,
    -30 * MINUTE,
    -1000,
    -1,
    0,
    1,
    1000,
    30 * MINUTE,
    HOUR,
    2 * HOUR,
  ];
  return steps.flatMap((step) => [at + step, at + step - 86_400_000]);
}

/** The delays and starting instants tried around one change: every delay kind, on both sides. */
function casesAround({ at, before, after }: Transition): [Delay, Date][] {
  const delays: Delay[] = [
    { kind: 'none' },
    ...AFTER.map((duration) => ({ kind: 'after', duration }) as const),
    ...timesAround(at, [before, after]).map((time) => ({ kind: 'next-day-at', time }) as const),
  ];
  return instantsAround(at).flatMap((instant) =>
    delays.map((delay): [Delay, Date] => [delay, new Date(instant)]),
  );
}

/** Where the cached computation and luxon disagree (none expected), with both answers. */
function disagreements(zone: string, cases: readonly [Delay, Date][]) {
  return cases.flatMap(([delay, from]) => {
    const fast = computeDueTime(delay, from, zone);
    const reference = luxonDueTime(delay, from, zone);
    return fast.instant === reference.instant && fast.localDateTime === reference.localDateTime
      ? []
      : [{ from: from.toISOString(), delay, fast, reference }];
  });
}

describe('computeDueTime equals luxon at every DST change of 2025-2028', () => {
  for (const [zone, expected] of Object.entries(ZONES)) {
    it(`in ${zone}`, () => {
      const changes = transitions(zone);
      // The scan itself is checked, so a broken scan cannot make this test pass vacuously.
      expect(changes).toHaveLength(expected);
      // Zones without changes get the same grid around each new year instead.
      const points =
        changes.length > 0
          ? changes
          : [2025, 2026, 2027, 2028].map((year) => ({
              at: Date.UTC(year, 0, 1),
              before: 0,
              after: 0,
            }));
      const cases = points.flatMap(casesAround);

      expect(cases.length).toBeGreaterThan(1000);
      expect(disagreements(zone, cases)).toEqual([]);
    });
  }

  it('reads the same offsets as luxon at each change, to the millisecond', () => {
    for (const zone of Object.keys(ZONES)) {
      const cached = zoneOffsets(zone);
      const luxon = IANAZone.create(zone);
      for (const { at } of transitions(zone)) {
        for (const t of [at - 1001, at - 1000, at - 1, at, at + 1, at + 999, at + 1000]) {
          expect({ zone, t, offset: cached?.offsetAt(t) }).toEqual({
            zone,
            t,
            offset: luxon.offset(t),
          });
        }
      }
    }
  });
});

describe('computeDueTime equals luxon on random input', () => {
  const allZones = [...Intl.supportedValuesOf('timeZone'), ...Object.keys(ZONES)];
  const digits = (max: number) => fc.option(fc.integer({ min: 0, max }), { nil: undefined });
  const duration = fc
    .record({
      years: digits(5),
      months: digits(24),
      weeks: digits(60),
      days: digits(400),
      hours: digits(1000),
      minutes: digits(6000),
      seconds: digits(100_000),
    })
    .map(({ years, months, weeks, days, hours, minutes, seconds }) => {
      const part = (value: number | undefined, unit: string) =>
        value === undefined ? '' : `${value}${unit}`;
      const time = part(hours, 'H') + part(minutes, 'M') + part(seconds, 'S');
      const text = `P${part(years, 'Y')}${part(months, 'M')}${part(weeks, 'W')}${part(days, 'D')}${time ? `T${time}` : ''}`;
      return text === 'P' ? 'PT0S' : text;
    });
  const delay: fc.Arbitrary<Delay> = fc.oneof(
    fc.constant({ kind: 'none' } as const),
    duration.map((text) => ({ kind: 'after', duration: text }) as const),
    fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => ({ kind: 'next-day-at', time: hhmm(h * 60 + m) }) as const),
  );
  // The range the API accepts for instants (core/time-zone.ts), to the millisecond.
  const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) - 1 });

  it('for any zone Intl knows, instant and delay', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allZones), instant, delay, (zone, at, each) => {
        const from = new Date(at);
        expect(computeDueTime(each, from, zone)).toEqual(luxonDueTime(each, from, zone));
      }),
      { numRuns: 5000 },
    );
  });

  it('for instants within a day of a DST change', () => {
    const changes = Object.keys(ZONES).flatMap((zone) =>
      transitions(zone).map(({ at }) => ({ zone, at })),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...changes),
        fc.integer({ min: -2 * 86_400_000, max: 86_400_000 }),
        delay,
        ({ zone, at }, shift, each) => {
          const from = new Date(at + shift);
          expect(computeDueTime(each, from, zone)).toEqual(luxonDueTime(each, from, zone));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('answers as luxon for input off the fast path', () => {
    const cases: [Delay, Date, string][] = [
      [{ kind: 'next-day-at', time: '10:00' }, new Date('2026-11-23T15:00:00Z'), 'Not/AZone'],
      [{ kind: 'after', duration: 'P1D' }, new Date(Number.NaN), 'Europe/Madrid'],
      [{ kind: 'after', duration: 'PT1.5H' }, new Date('2026-11-23T15:00:00Z'), 'Europe/Madrid'],
      [{ kind: 'after', duration: 'P1D' }, new Date('2026-11-23T15:00:00Z'), 'utc+3'],
      [{ kind: 'after', duration: 'P1D' }, new Date('2026-11-23T15:00:00Z'), 'GMT'],
      [{ kind: 'none' }, new Date('1850-06-01T12:00:00Z'), 'Europe/Madrid'],
      [{ kind: 'next-day-at', time: '7:5' }, new Date('2026-11-23T15:00:00Z'), 'America/Bogota'],
    ];
    for (const [each, from, zone] of cases) {
      expect(computeDueTime(each, from, zone)).toEqual(luxonDueTime(each, from, zone));
    }
  });
});
