import { DateTime } from 'luxon';
import type { CapRule } from './policy.ts';

export interface SentMessage {
  readonly at: string;
  readonly category: 'service' | 'marketing';
}

export interface CapInput {
  readonly now: Date;
  readonly timeZone: string;
  readonly category: 'service' | 'marketing';
  /** Messages sent to this customer recently (any automation). */
  readonly sent: readonly SentMessage[];
  readonly rules: readonly CapRule[];
}

/** The earliest instant any rule needs to look back to, for reading the history once. */
export function capLookback(now: Date, timeZone: string, rules: readonly CapRule[]): Date {
  const days = Math.max(1, ...rules.map((rule) => rule.days));
  return windowStart(now, timeZone, days);
}

/**
 * The first rule this message would break, counted per local calendar day: "2 per 7 days" means
 * today and the six days before it, in the customer's zone, whatever the hour.
 */
export function capReached(input: CapInput): CapRule | undefined {
  return input.rules.find((rule) => {
    if (rule.category !== input.category) return false;
    const since = windowStart(input.now, input.timeZone, rule.days).getTime();
    const count = input.sent.filter(
      (message) => message.category === rule.category && Date.parse(message.at) >= since,
    ).length;
    return count >= rule.max;
  });
}

function windowStart(now: Date, timeZone: string, days: number): Date {
  return DateTime.fromJSDate(now, { zone: timeZone })
    .startOf('day')
    .minus({ days: days - 1 })
    .toJSDate();
}
