import { Duration } from 'luxon';
import type { Reentry } from './entry.ts';
import type { Group } from './holdout.ts';

/**
 * One customer's history with one automation: how often and when they entered, in which group,
 * the actions still pending (for exits), and the current entry's goal window.
 */
export interface Enrollment {
  readonly automationId: string;
  readonly customerId: string;
  readonly entries: number;
  readonly lastEnteredAt: string;
  /** The event of the last entry: the same event delivered again is a replay, not a new entry. */
  readonly lastEventId: string;
  readonly group: Group;
  /** Schedule ids of the entries' actions that may still be waiting (an exit cancels them). */
  readonly pending: readonly string[];
  /** The end of the current entry's conversion window, when the automation has a goal. */
  readonly goalUntil?: string;
  /** When the current entry converted; absent until it does (a conversion is counted once). */
  readonly convertedAt?: string;
}

export type EntryCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Whether the re-entry rule lets this customer enter again on `eventId` at `now`. */
export function mayEnter(
  reentry: Reentry,
  enrollment: Enrollment | undefined,
  eventId: string,
  now: Date,
): EntryCheck {
  if (!enrollment || enrollment.lastEventId === eventId) return { ok: true };
  switch (reentry.kind) {
    case 'always':
      return { ok: true };
    case 'never':
      return { ok: false, reason: `reentry: never (entered ${enrollment.lastEnteredAt})` };
    case 'after': {
      const until = Date.parse(enrollment.lastEnteredAt) + durationMs(reentry.duration);
      return now.getTime() >= until
        ? { ok: true }
        : {
            ok: false,
            reason: `reentry: not before ${new Date(until).toISOString()} (${reentry.duration} after the last entry)`,
          };
    }
    case 'at-most':
      return enrollment.entries < reentry.times
        ? { ok: true }
        : {
            ok: false,
            reason: `reentry: at most ${reentry.times} (entered ${enrollment.entries})`,
          };
    default:
      return assertNoReentry(reentry);
  }
}

/** Whether a goal event at `at` converts the current entry (inside its window, not yet counted). */
export function convertsAt(enrollment: Enrollment | undefined, at: string): boolean {
  if (!enrollment?.goalUntil || enrollment.convertedAt !== undefined) return false;
  return at >= enrollment.lastEnteredAt && at <= enrollment.goalUntil;
}

export function durationMs(iso: string): number {
  return Duration.fromISO(iso).toMillis();
}

function assertNoReentry(value: never): never {
  throw new Error(`unhandled re-entry rule: ${JSON.stringify(value)}`);
}
