import { Duration } from 'luxon';
import * as z from 'zod';
import { Tier } from '../customer/system-state.ts';

export const Severity = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof Severity>;

/** The longest any offset may be: a case never waits past a year (Step Functions' limit). */
const MAX_MS = 365 * 24 * 3600_000;

/** An ISO 8601 duration (P2D, PT4H) of at least a minute, kept as text and read as milliseconds. */
const IsoDuration = z.string().refine(
  (text) => {
    const duration = Duration.fromISO(text);
    return duration.isValid && duration.toMillis() >= 60_000 && duration.toMillis() <= MAX_MS;
  },
  { message: 'expected an ISO 8601 duration between a minute and a year (P2D, PT4H)' },
);

const Offsets = z
  .array(IsoDuration)
  .min(1)
  .max(20)
  .refine((offsets) => offsets.every((o, i) => i === 0 || ms(o) > ms(offsets[i - 1] ?? o)), {
    message: 'reminders must come in increasing order',
  });

const Person = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{2,40}$/),
  name: z.string().min(1).max(80),
  email: z.email(),
});

export const Seniority = z.enum(['junior', 'senior']);
export type Seniority = z.infer<typeof Seniority>;

export const TeamMember = Person.extend({ seniority: Seniority });
export type TeamMember = z.infer<typeof TeamMember>;

const TierReminders = z
  .strictObject({ default: Offsets.optional() })
  .catchall(Offsets)
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value))
      if (key !== 'default' && !Severity.safeParse(key).success)
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown severity '${key}'` });
  });

/** workflows/complaints.yaml: the complaint recovery's team, reminders and escalation. */
export const ComplaintPolicy = z
  .strictObject({
    deadline: IsoDuration.default('P30D'),
    team: z.array(TeamMember).min(1).max(100),
    manager: Person,
    seniorFor: z
      .strictObject({
        severities: z.array(Severity).default([]),
        tiers: z.array(Tier).default([]),
      })
      .default({ severities: [], tiers: [] }),
    reminders: z.strictObject({
      default: Offsets,
      tiers: z.partialRecord(Tier, TierReminders).default({}),
    }),
    escalation: z.strictObject({
      atOnce: z.array(Severity).default([]),
      afterReminder: z.number().int().min(1).max(20),
    }),
    followUpAfter: IsoDuration.default('P3D'),
  })
  .superRefine((policy, ctx) => {
    const ids = policy.team.map((member) => member.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({ code: 'custom', path: ['team', i, 'id'], message: `duplicate id '${id}'` });
    });
    if (policy.seniorFor.severities.length + policy.seniorFor.tiers.length > 0)
      if (!policy.team.some((member) => member.seniority === 'senior'))
        ctx.addIssue({ code: 'custom', path: ['team'], message: 'seniorFor needs a senior' });
  });
export type ComplaintPolicy = z.infer<typeof ComplaintPolicy>;

/** Milliseconds of an ISO duration the schema accepted. */
export function ms(duration: string): number {
  return Duration.fromISO(duration).toMillis();
}

/** The reminder offsets (ms after opening) for a customer's tier and the complaint's severity. */
export function reminderOffsets(policy: ComplaintPolicy, tier: Tier, severity: Severity): number[] {
  const forTier = policy.reminders.tiers[tier];
  const offsets = forTier?.[severity] ?? forTier?.default ?? policy.reminders.default;
  const deadline = ms(policy.deadline);
  // A reminder at or past the deadline would come after the case is already at risk.
  return offsets.map(ms).filter((offset) => offset < deadline);
}

/** Whether the case goes to a senior owner. */
export function needsSenior(policy: ComplaintPolicy, tier: Tier, severity: Severity): boolean {
  return policy.seniorFor.severities.includes(severity) || policy.seniorFor.tiers.includes(tier);
}

/** Whether the manager is alerted as the case opens. */
export function escalatesAtOnce(policy: ComplaintPolicy, severity: Severity): boolean {
  return policy.escalation.atOnce.includes(severity);
}
