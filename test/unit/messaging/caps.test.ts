import { describe, expect, it } from 'vitest';
import { capReached } from '../../../core/messaging/caps.ts';

const rule = { category: 'marketing', max: 2, days: 7 } as const;
const sent = (...at: string[]) =>
  at.map((instant) => ({ at: instant, category: 'marketing' as const }));

describe('frequency caps, counted per local calendar day', () => {
  // Now: Tuesday 24 November 2026, 10:00 in Bogota (15:00Z). The 7-day window is 18-24 November.
  const now = new Date('2026-11-24T15:00:00Z');

  it('allows a third message when one of the two was sent before the window', () => {
    // 17 November 23:30 in Bogota (18 November 04:30Z): the day before the window, in her zone.
    const history = sent('2026-11-18T04:30:00Z', '2026-11-20T15:00:00Z');

    expect(
      capReached({
        now,
        timeZone: 'America/Bogota',
        category: 'marketing',
        sent: history,
        rules: [rule],
      }),
    ).toBeUndefined();
  });

  it('holds a third message when both were sent on days inside the window', () => {
    // 18 November 00:30 in Bogota: the window's first day, however few hours ago that is.
    const history = sent('2026-11-18T05:30:00Z', '2026-11-20T15:00:00Z');

    expect(
      capReached({
        now,
        timeZone: 'America/Bogota',
        category: 'marketing',
        sent: history,
        rules: [rule],
      }),
    ).toEqual(rule);
  });

  it('counts the same instants differently in another zone', () => {
    const history = sent('2026-11-18T04:30:00Z', '2026-11-20T15:00:00Z');

    // In Madrid 18 November 04:30Z is 05:30 on the 18th: inside the window there.
    expect(
      capReached({
        now,
        timeZone: 'Europe/Madrid',
        category: 'marketing',
        sent: history,
        rules: [rule],
      }),
    ).toEqual(rule);
  });

  it('never caps service messages under a marketing rule', () => {
    const history = sent('2026-11-23T15:00:00Z', '2026-11-24T14:00:00Z');

    expect(
      capReached({ now, timeZone: 'UTC', category: 'service', sent: history, rules: [rule] }),
    ).toBeUndefined();
  });
});
