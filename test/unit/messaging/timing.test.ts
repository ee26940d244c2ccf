import { describe, expect, it } from 'vitest';
import type { LocalSpan } from '../../../core/messaging/policy.ts';
import { timingFor } from '../../../core/messaging/timing.ts';

const quiet = { start: '21:00', end: '08:00' } as const;
const window = { start: '10:00', end: '12:00' } as const;

const at = (
  iso: string,
  timeZone: string,
  options: { quietHours?: LocalSpan; window?: LocalSpan },
) => timingFor({ now: new Date(iso), timeZone, ...options });

describe("quiet hours and send windows, in the customer's zone", () => {
  it('lets a message go at once outside quiet hours', () => {
    expect(at('2026-11-24T17:00:00Z', 'America/Bogota', { quietHours: quiet })).toEqual({
      kind: 'now',
    });
  });

  it('defers a message due at 22:00 to 08:00 the next morning, across midnight', () => {
    // 22:00 in Bogota on the 24th is 03:00Z on the 25th; 08:00 on the 25th is 13:00Z.
    expect(at('2026-11-25T03:00:00Z', 'America/Bogota', { quietHours: quiet })).toEqual({
      kind: 'defer',
      until: new Date('2026-11-25T13:00:00Z'),
      reason: 'quiet-hours',
    });
  });

  it('defers a message due at 06:00 to 08:00 the same morning', () => {
    expect(at('2026-11-25T11:00:00Z', 'America/Bogota', { quietHours: quiet })).toMatchObject({
      until: new Date('2026-11-25T13:00:00Z'),
    });
  });

  it('lands on 08:00 local after the clocks go back (New York, 1 November 2026)', () => {
    // 23:00 EDT on 31 October is 03:00Z; 08:00 on 1 November is EST, so 13:00Z, not 12:00Z.
    expect(at('2026-11-01T03:00:00Z', 'America/New_York', { quietHours: quiet })).toMatchObject({
      until: new Date('2026-11-01T13:00:00Z'),
    });
  });

  it('lands on 08:00 local after the clocks go forward (Madrid, 28 March 2027)', () => {
    // 22:00 CET on 27 March is 21:00Z; 08:00 on the 28th is CEST, so 06:00Z.
    expect(at('2027-03-27T21:00:00Z', 'Europe/Madrid', { quietHours: quiet })).toMatchObject({
      until: new Date('2027-03-28T06:00:00Z'),
    });
  });

  it("waits for the automation's send window, today or tomorrow", () => {
    // 09:00 Madrid (08:00Z) waits for 10:00 (09:00Z); 13:00 Madrid waits for 10:00 tomorrow.
    expect(at('2026-11-24T08:00:00Z', 'Europe/Madrid', { window })).toEqual({
      kind: 'defer',
      until: new Date('2026-11-24T09:00:00Z'),
      reason: 'outside-send-window',
    });
    expect(at('2026-11-24T12:00:00Z', 'Europe/Madrid', { window })).toMatchObject({
      until: new Date('2026-11-25T09:00:00Z'),
    });
    expect(at('2026-11-24T10:30:00Z', 'Europe/Madrid', { window })).toEqual({ kind: 'now' });
  });

  it('satisfies both: a window that starts inside quiet hours waits for their end', () => {
    const early = { start: '07:00', end: '09:00' } as const;

    expect(at('2026-11-24T20:00:00Z', 'UTC', { quietHours: quiet, window: early })).toEqual({
      kind: 'defer',
      until: new Date('2026-11-25T08:00:00Z'),
      reason: 'outside-send-window',
    });
  });
});
