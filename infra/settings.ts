import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';
// The same zone rule the functions apply to RAPPORT_DEFAULT_TIME_ZONE at cold start, so a bad
// zone fails the synth instead of the first invocation.
import { TimeZone } from '../core/time-zone.ts';
import { DispatcherConfig } from '../functions/dispatcher/config.ts';

export const DEFAULT_SENDER_ADDRESS = 'no-reply@example.com';

/** The context key of each setting (`cdk synth -c rapport:senderAddress=...`). */
export const contextKey = (setting: string): string => `rapport:${setting}`;

const RETENTION_DAYS = new Set<number>(
  Object.values(RetentionDays).filter((value) => typeof value === 'number'),
);
const SENDS_PER_SECOND = DispatcherConfig.shape.RAPPORT_SENDS_PER_SECOND;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const Settings = z
  .object({
    senderAddress: z.email().default(DEFAULT_SENDER_ADDRESS),
    senderName: z.string().trim().min(1).max(100).default('Rapport'),
    sesIdentity: z
      .string()
      .refine((value) => DOMAIN.test(value) || z.email().safeParse(value).success, {
        message: 'must be a domain (example.com) or an email address',
      })
      .optional(),
    sesConfigurationSet: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -')
      .optional(),
    /**
     * The End User Messaging SMS phone number, sender ID or pool that SMS go out from, as an ARN so
     * the dispatcher's permission can name it. Absent, the service picks one of the account's.
     */
    smsOriginationIdentity: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:(phone-number|sender-id|pool)\/\S+$/,
        'must be the ARN of an End User Messaging phone number, sender ID or pool (arn:aws:sms-voice:<region>:<account>:phone-number/<id>)',
      )
      .optional(),
    /** An End User Messaging SMS configuration set for delivery events. */
    smsConfigurationSet: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -')
      .optional(),
    defaultTimeZone: TimeZone.default('UTC'),
    flexibleWindowMinutes: z.number().int().min(0).max(1440).default(0),
    /** The SES account's maximum send rate (the sandbox allows 1, a new production account 14). */
    sesSendRatePerSecond: z.number().positive().default(14),
    /** The SQS event source's maximum concurrency, whose minimum is 2. */
    dispatchConcurrency: z.number().int().min(2).max(1000).default(2),
    alarmEmail: z.email().optional(),
    /** When the tier recalculation runs: an EventBridge Scheduler cron() or rate() expression. */
    tierSchedule: z
      .string()
      .regex(
        /^(cron|rate)\(.+\)$/,
        'must be an EventBridge Scheduler cron(...) or rate(...) expression',
      )
      .default('cron(0 3 ? * MON *)'),
    /** The tier schedule's time zone. */
    tierTimeZone: TimeZone.default('UTC'),
    logRetentionDays: z
      .number()
      .int()
      .refine((days) => RETENTION_DAYS.has(days), {
        message: `must be one of the CloudWatch Logs retention periods: ${[...RETENTION_DAYS].join(', ')} (9999 keeps logs forever)`,
      })
      .default(30),
  })
  .transform((settings) => ({
    ...settings,
    sesIdentity: settings.sesIdentity ?? domainOf(settings.senderAddress),
  }))
  .superRefine((settings, context) => {
    if (!identityCovers(settings.sesIdentity, settings.senderAddress)) {
      context.addIssue({
        code: 'custom',
        path: ['sesIdentity'],
        message: `'${settings.sesIdentity}' does not cover the sender address '${settings.senderAddress}'; SES would refuse every send`,
      });
    }
    // The same rule the dispatcher applies to RAPPORT_SENDS_PER_SECOND at cold start.
    const perInstance = settings.sesSendRatePerSecond / settings.dispatchConcurrency;
    if (!SENDS_PER_SECOND.safeParse(perInstance).success) {
      context.addIssue({
        code: 'custom',
        path: ['sesSendRatePerSecond'],
        message: `${settings.sesSendRatePerSecond} per second over ${settings.dispatchConcurrency} dispatchers is ${perInstance} per dispatcher, more than the dispatcher accepts`,
      });
    }
  });

export type SettingsInput = z.input<typeof Settings>;
export type RapportSettings = z.output<typeof Settings>;

/** A configuration mistake: the message says everything, a stack trace would only add noise. */
export class RapportSettingsError extends Error {
  override readonly name = 'RapportSettingsError';
}

/** Applies the defaults and checks every setting; the error names each bad context key. */
export function resolveSettings(input: SettingsInput): RapportSettings {
  const result = Settings.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${contextKey(issue.path.join('.'))}: ${issue.message}`,
  );
  throw new RapportSettingsError(`Rapport stack settings are invalid:\n  ${problems.join('\n  ')}`);
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** A verified domain also covers its subdomains; a verified address covers only itself. */
function identityCovers(identity: string, address: string): boolean {
  const wanted = identity.toLowerCase();
  if (wanted.includes('@')) return wanted === address.toLowerCase();
  const domain = domainOf(address);
  return domain === wanted || domain.endsWith(`.${wanted}`);
}
