import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalClock, parseDuration } from '../../local/local-clock.ts';

const HOUR = 3_600_000;

describe('parseDuration', () => {
  it('reads the shorthand and ISO 8601 durations', () => {
    expect(parseDuration('1d2h')).toBe(26 * HOUR);
    expect(parseDuration('30m')).toBe(HOUR / 2);
    expect(parseDuration('PT19H')).toBe(19 * HOUR);
    expect(parseDuration('P1D')).toBe(24 * HOUR);
  });

  it('refuses text that is not a duration', () => {
    expect(() => parseDuration('tomorrow')).toThrowError(/not a duration/);
    expect(() => parseDuration('1d and then 2h')).toThrowError(/not a duration/);
  });
});

describe('LocalClock', () => {
  it('stands still when frozen and moves only forward', () => {
    const clock = new LocalClock({ startAt: new Date('2026-11-23T20:00:00Z'), frozen: true });

    clock.advanceBy(19 * HOUR);

    expect(clock.now().toISOString()).toBe('2026-11-24T15:00:00.000Z');
    expect(() => clock.advanceTo(new Date('2026-11-24T00:00:00Z'))).toThrowError(/already past/);
    expect(() => clock.advanceBy(-1)).toThrowError(/only moves forward/);
  });

  it('keeps its offset across restarts when given a state file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rapport-clock-'));
    const stateFile = join(dir, 'clock.json');
    try {
      new LocalClock({ stateFile }).advanceBy(48 * HOUR);

      const restarted = new LocalClock({ stateFile });

      expect(restarted.offset).toBe(48 * HOUR);
      expect(restarted.now().getTime() - Date.now()).toBeGreaterThan(47.9 * HOUR);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
