import { DateTime } from 'luxon';
import type { LocalSpan } from './policy.ts';

export type TimingReason = 'quiet-hours' | 'outside-send-window';

export interface TimingInput {
  readonly now: Date;
  readonly timeZone: string;
  /** Hours nothing reaches the customer (may wrap midnight). */
  readonly quietHours?: LocalSpan;
  /** The automation's hours to send in (may wrap midnight). */
  readonly window?: LocalSpan;
}

export type Timing =
  | { readonly kind: 'now' }
  | { readonly kind: 'defer'; readonly until: Date; readonly reason: TimingReason };

/**
 * When a message may go out, in the customer's own day: now, or deferred to the end of their quiet
 * hours or the next start of the automation's send window, whichever comes later and satisfies
 * both. Wall-clock times go through the zone's rules on that date, so a deferral across midnight or
 * a DST change lands on the right instant (a time in a DST gap moves forward, as luxon does).
 */
export function timingFor(input: TimingInput): Timing {
  let at: DateTime = DateTime.fromJSDate(input.now, { zone: input.timeZone });
  let reason: TimingReason | undefined;
  // Two rules can push each other forward; a few rounds settle any pair of daily spans.
  for (let round = 0; round < 4; round++) {
    const quiet = input.quietHours && inside(at, input.quietHours);
    if (quiet) {
      at = endOf(at, input.quietHours as LocalSpan);
      reason ??= 'quiet-hours';
      continue;
    }
    if (input.window && !inside(at, input.window)) {
      at = nextStart(at, input.window);
      reason ??= 'outside-send-window';
      continue;
    }
    break;
  }
  return reason === undefined ? { kind: 'now' } : { kind: 'defer', until: at.toJSDate(), reason };
}

const minutes = (time: string): number => {
  const [h = 0, m = 0] = time.split(':').map(Number);
  return h * 60 + m;
};

function inside(at: DateTime, span: LocalSpan): boolean {
  const now = at.hour * 60 + at.minute;
  const start = minutes(span.start);
  const end = minutes(span.end);
  return start <= end ? now >= start && now < end : now >= start || now < end;
}

function atTime(day: DateTime, time: string): DateTime {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** The end of the span `at` is inside: today or tomorrow (a span that wraps midnight). */
function endOf(at: DateTime, span: LocalSpan): DateTime {
  const today = atTime(at, span.end);
  return today > at ? today : atTime(at.plus({ days: 1 }), span.end);
}

/** The next start of the span after `at`. */
function nextStart(at: DateTime, span: LocalSpan): DateTime {
  const today = atTime(at, span.start);
  return today > at ? today : atTime(at.plus({ days: 1 }), span.start);
}
