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
