import { describe, expect, it } from 'vitest';
import { convertsAt, type Enrollment, mayEnter } from '../../../core/automation/enrollment.ts';

const entered: Enrollment = {
  automationId: 'win-back',
  customerId: 'ana-garcia',
  entries: 2,
  lastEnteredAt: '2026-11-01T10:00:00.000Z',
  lastEventId: 'event-2',
  group: 'treatment',
  pending: [],
  goalUntil: '2026-12-31T10:00:00.000Z',
};
const now = new Date('2026-11-20T10:00:00Z');

describe('re-entry rules', () => {
  it('lets anyone in the first time, and a replayed event in again', () => {
    expect(mayEnter({ kind: 'never' }, undefined, 'event-3', now)).toEqual({ ok: true });
    expect(mayEnter({ kind: 'never' }, entered, 'event-2', now)).toEqual({ ok: true });
  });

  it('always lets a customer in again under `always`', () => {
    expect(mayEnter({ kind: 'always' }, entered, 'event-3', now)).toEqual({ ok: true });
  });

  it('never lets a customer in twice under `never`, and says when they entered', () => {
    expect(mayEnter({ kind: 'never' }, entered, 'event-3', now)).toEqual({
      ok: false,
      reason: 'reentry: never (entered 2026-11-01T10:00:00.000Z)',
    });
  });

  it('lets a customer in again once the duration has passed under `after`', () => {
    expect(mayEnter({ kind: 'after', duration: 'P30D' }, entered, 'event-3', now)).toEqual({
      ok: false,
      reason: 'reentry: not before 2026-12-01T10:00:00.000Z (P30D after the last entry)',
    });
    expect(mayEnter({ kind: 'after', duration: 'P14D' }, entered, 'event-3', now)).toEqual({
      ok: true,
    });
  });

  it('counts entries under `at-most`', () => {
    expect(mayEnter({ kind: 'at-most', times: 3 }, entered, 'event-3', now)).toEqual({ ok: true });
    expect(mayEnter({ kind: 'at-most', times: 2 }, entered, 'event-3', now)).toEqual({
      ok: false,
      reason: 'reentry: at most 2 (entered 2)',
    });
  });
});

describe('conversions', () => {
  it('count a goal inside the window after the entry, once', () => {
    expect(convertsAt(entered, '2026-11-15T00:00:00.000Z')).toBe(true);
    expect(convertsAt(entered, '2026-10-15T00:00:00.000Z')).toBe(false);
    expect(convertsAt(entered, '2027-01-15T00:00:00.000Z')).toBe(false);
    expect(
      convertsAt(
        { ...entered, convertedAt: '2026-11-10T00:00:00.000Z' },
        '2026-11-15T00:00:00.000Z',
      ),
    ).toBe(false);
  });

  it('do not count for an automation without a goal', () => {
    const { goalUntil: _none, ...withoutGoal } = entered;
    expect(convertsAt(withoutGoal, '2026-11-15T00:00:00.000Z')).toBe(false);
  });
});
