import { CronExpressionParser } from 'cron-parser';

/** What EventBridge Scheduler is given (infra/constructs/tier-recalculation.ts). */
export interface TierScheduleSetting {
  /** `cron(minutes hours day-of-month month day-of-week year)`, EventBridge Scheduler's form. */
  readonly expression: string;
  /** IANA zone the cron's fields are read in. */
  readonly timeZone: string;
}

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * EventBridge Scheduler's `cron(...)` as cron-parser reads it. AWS has six fields (a year last)
 * and numbers days of the week 1-7 from Sunday; cron-parser has five here and numbers them 0-6.
 * Only a `*` year is accepted: a run limited to some years is not a weekly job.
 */
export function toCronParser(expression: string): string {
  const match = /^cron\((.+)\)$/.exec(expression.trim());
  const fields = match?.[1]?.trim().split(/\s+/) ?? [];
  if (fields.length !== 6) {
    throw new RangeError(
      `tier schedule '${expression}' is not cron(minutes hours day-of-month month day-of-week year)`,
    );
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (year !== '*')
    throw new RangeError(`tier schedule '${expression}': only a '*' year runs locally`);
  // 1-7 (Sunday first) to names, which both dialects read alike; `#n` and `L` suffixes are kept.
  const days = dayOfWeek.replace(/\b([1-7])\b/g, (_, n: string) => DAY_NAMES[Number(n) - 1] ?? n);
  return [minutes, hours, dayOfMonth, month, days].join(' ');
}

/** The first instant strictly after `after` that the schedule fires at. */
export function nextFireTime(setting: TierScheduleSetting, after: Date): Date {
  return CronExpressionParser.parse(toCronParser(setting.expression), {
    currentDate: after,
    tz: setting.timeZone,
  })
    .next()
    .toDate();
}

/**
 * The tier schedule on the local clock: as the clock passes a fire time, the run of that instant
 * starts with the input the AWS schedule gives the state machine (`asOf` = the scheduled time, so
 * a repeated delivery is the same run). Missed fire times while the runtime was stopped are not
 * replayed; the next one after start-up is armed, as a schedule created then would be.
 */
export class LocalTierSchedule {
  private nextAt: Date;

  constructor(
    private readonly setting: TierScheduleSetting,
    now: Date,
    private readonly start: (input: { asOf: string; trigger: 'schedule' }) => Promise<unknown>,
  ) {
    // Read at start-up: a malformed expression stops the runtime with its text, not a week later.
    this.nextAt = nextFireTime(setting, now);
  }

  nextDueAt(): string {
    return this.nextAt.toISOString();
  }

  /** Starts the run of every fire time up to `now`; returns the runs' `asOf`s. */
  async fireDue(now: Date): Promise<string[]> {
    const started: string[] = [];
    while (this.nextAt.getTime() <= now.getTime()) {
      const asOf = this.nextAt.toISOString();
      this.nextAt = nextFireTime(this.setting, this.nextAt);
      await this.start({ asOf, trigger: 'schedule' });
      started.push(asOf);
    }
    return started;
  }
}
