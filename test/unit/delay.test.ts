import { describe, expect, it } from 'vitest';
import { computeDueTime } from '../../core/automation/delay.ts';

const nextDayAtTen = { kind: 'next-day-at', time: '10:00' } as const;

describe('computeDueTime', () => {
  it('puts a 15:00 Bogota interaction at 10:00 Bogota the next day', () => {
    const due = computeDueTime(
      nextDayAtTen,
      new Date('2026-11-23T15:00:00-05:00'),
      'America/Bogota',
    );

    expect(due).toEqual({
      instant: '2026-11-24T15:00:00.000Z',
      localDateTime: '2026-11-24T10:00:00',
      timeZone: 'America/Bogota',
    });
  });

  it('counts "next day" in the customer zone, not in UTC', () => {
    // 23:50 in Bogota is already the next day in UTC; the customer's next day is still the 24th.
    const due = computeDueTime(
      nextDayAtTen,
      new Date('2026-11-23T23:50:00-05:00'),
      'America/Bogota',
    );

    expect(due.localDateTime).toBe('2026-11-24T10:00:00');
  });

  it('keeps 10:00 local on the day Madrid moves its clocks forward', () => {
    // Saturday 2026-03-28 23:50 CET (+01:00); Sunday 29 March is CEST (+02:00).
    const due = computeDueTime(
      nextDayAtTen,
      new Date('2026-03-28T23:50:00+01:00'),
      'Europe/Madrid',
    );

    expect(due.instant).toBe('2026-03-29T08:00:00.000Z');
    expect(due.localDateTime).toBe('2026-03-29T10:00:00');
  });

  it('keeps 10:00 local on the day Madrid moves its clocks back', () => {
    const due = computeDueTime(
      nextDayAtTen,
      new Date('2026-10-24T18:00:00+02:00'),
      'Europe/Madrid',
    );

    expect(due.instant).toBe('2026-10-25T09:00:00.000Z');
  });

  it('adds an ISO duration for an "after" delay', () => {
    const due = computeDueTime(
      { kind: 'after', duration: 'PT2H30M' },
      new Date('2026-11-23T15:00:00-05:00'),
      'America/Bogota',
    );

    expect(due.instant).toBe('2026-11-23T22:30:00.000Z');
    expect(due.localDateTime).toBe('2026-11-23T17:30:00');
  });

  it('adds calendar days across a DST change for "after P1D"', () => {
    const due = computeDueTime(
      { kind: 'after', duration: 'P1D' },
      new Date('2026-03-28T12:00:00+01:00'),
      'Europe/Madrid',
    );

    expect(due.localDateTime).toBe('2026-03-29T12:00:00');
    expect(due.instant).toBe('2026-03-29T10:00:00.000Z');
  });

  it('is due at the given instant for "none"', () => {
    const due = computeDueTime({ kind: 'none' }, new Date('2026-11-23T20:00:00Z'), 'UTC');

    expect(due.instant).toBe('2026-11-23T20:00:00.000Z');
  });
});

describe('computeDueTime on DST edges (luxon semantics, kept exactly)', () => {
  it('moves a time in the spring-forward gap forward by the gap', () => {
    // New York skips 02:00-03:00 on 2026-03-08.
    const due = computeDueTime(
      { kind: 'next-day-at', time: '02:30' },
      new Date('2026-03-07T12:00:00-05:00'),
      'America/New_York',
    );

    expect(due).toEqual({
      instant: '2026-03-08T07:30:00.000Z',
      localDateTime: '2026-03-08T03:30:00',
      timeZone: 'America/New_York',
    });
  });

  it('moves a midnight that does not exist to 01:00 (Santiago springs forward at 24:00)', () => {
    const due = computeDueTime(
      { kind: 'next-day-at', time: '00:00' },
      new Date('2026-09-05T12:00:00-04:00'),
      'America/Santiago',
    );

    expect(due.localDateTime).toBe('2026-09-06T01:00:00');
    expect(due.instant).toBe('2026-09-06T04:00:00.000Z');
  });

  it('resolves a repeated time with the offset `from` has at its time of day on the due day', () => {
    // 01:30 happens twice in New York on 2026-11-01 (EDT, then EST at 02:00 EDT).
    const atOneThirty = { kind: 'next-day-at', time: '01:30' } as const;
    const fromEarly = computeDueTime(
      atOneThirty,
      new Date('2026-10-31T00:30:00-04:00'),
      'America/New_York',
    );
    const fromNoon = computeDueTime(
      atOneThirty,
      new Date('2026-10-31T12:00:00-04:00'),
      'America/New_York',
    );

    expect(fromEarly.instant).toBe('2026-11-01T05:30:00.000Z'); // the first 01:30 (EDT)
    expect(fromNoon.instant).toBe('2026-11-01T06:30:00.000Z'); // the second 01:30 (EST)
    expect(fromNoon.localDateTime).toBe('2026-11-01T01:30:00');
  });

  it('keeps the starting offset for a repeated time reached with "after P1D"', () => {
    const due = computeDueTime(
      { kind: 'after', duration: 'P1D' },
      new Date('2026-10-31T01:30:00-04:00'),
      'America/New_York',
    );

    expect(due.instant).toBe('2026-11-01T05:30:00.000Z');
  });

  it('handles a 30-minute DST change (Lord Howe) and a 45-minute offset (Chatham)', () => {
    const lordHowe = computeDueTime(
      { kind: 'next-day-at', time: '02:15' },
      new Date('2026-10-03T12:00:00+10:30'),
      'Australia/Lord_Howe',
    );
    const chatham = computeDueTime(
      { kind: 'next-day-at', time: '02:45' },
      new Date('2026-09-26T12:00:00+12:45'),
      'Pacific/Chatham',
    );

    expect(lordHowe.localDateTime).toBe('2026-10-04T02:45:00');
    expect(lordHowe.instant).toBe('2026-10-03T15:45:00.000Z');
    expect(chatham.localDateTime).toBe('2026-09-27T03:45:00');
    expect(chatham.instant).toBe('2026-09-26T14:00:00.000Z');
  });

  it('counts "next day" in a +05:45 zone', () => {
    const due = computeDueTime(nextDayAtTen, new Date('2026-11-23T20:00:00Z'), 'Asia/Kathmandu');

    expect(due).toEqual({
      instant: '2026-11-25T04:15:00.000Z',
      localDateTime: '2026-11-25T10:00:00',
      timeZone: 'Asia/Kathmandu',
    });
  });

  it('clamps "after P1M" to the end of a shorter month and keeps the wall-clock time', () => {
    const due = computeDueTime(
      { kind: 'after', duration: 'P1M' },
      new Date('2026-01-31T12:00:00-05:00'),
      'America/Bogota',
    );

    expect(due.localDateTime).toBe('2026-02-28T12:00:00');
  });

  it('adds elapsed hours for PT24H but calendar days for P1D across a DST change', () => {
    const from = new Date('2026-03-28T12:00:00+01:00');
    const hours = computeDueTime({ kind: 'after', duration: 'PT24H' }, from, 'Europe/Madrid');
    const day = computeDueTime({ kind: 'after', duration: 'P1D' }, from, 'Europe/Madrid');

    expect(hours.localDateTime).toBe('2026-03-29T13:00:00');
    expect(day.localDateTime).toBe('2026-03-29T12:00:00');
  });

  it('adds a year from 29 February to 28 February', () => {
    const due = computeDueTime(
      { kind: 'after', duration: 'P1Y' },
      new Date('2028-02-29T09:00:00+01:00'),
      'Europe/Madrid',
    );

    expect(due.localDateTime).toBe('2029-02-28T09:00:00');
  });
});
