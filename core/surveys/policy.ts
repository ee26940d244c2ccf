import * as z from 'zod';
import { InteractionType } from '../interaction/interaction.ts';
import { LocalSpan } from '../messaging/policy.ts';
import { SurveyKind } from './response.ts';

const Text = z.string().trim().min(1).max(500);

/** What the customer reads, per locale: the email, the page and the thank-you all use it. */
export const SurveyWording = z.strictObject({
  /** The question for the score: plain text, shown in the email and on the page. */
  question: Text,
  /** Below the scale: what the lowest and highest score mean. */
  lowLabel: Text,
  highLabel: Text,
  commentPrompt: Text,
  thanks: Text,
});
export type SurveyWording = z.infer<typeof SurveyWording>;

const ENGLISH: Record<SurveyKind, SurveyWording> = {
  nps: {
    question: 'How likely are you to recommend us to a friend or colleague?',
    lowLabel: 'Not at all likely',
    highLabel: 'Extremely likely',
    commentPrompt: 'What is the main reason for your score? (optional)',
    thanks: 'Thank you. Your answer helps us do better.',
  },
  csat: {
    question: 'How satisfied were you with the help you received?',
    lowLabel: 'Very dissatisfied',
    highLabel: 'Very satisfied',
    commentPrompt: 'Anything we could have done better? (optional)',
    thanks: 'Thank you. Your answer helps us do better.',
  },
};

/** One qualifying interaction type: which survey it gets and how prone it is to complaints. */
export const QualifyingType = z.strictObject({
  kind: SurveyKind,
  /**
   * Higher is asked about first when several interactions fall on the same local day: the
   * experiences most likely to go wrong (support, calls) are the ones worth hearing about.
   * @default 50
   */
  relevance: z.number().int().min(0).max(100).default(50),
});
export type QualifyingType = z.infer<typeof QualifyingType>;

/**
 * How satisfaction surveys are run, for all survey automations at once: `workflows/surveys.yaml`,
 * validated with the catalog (docs/surveys.md).
 */
export const SurveyPolicy = z.strictObject({
  /** The interaction types that earn a survey; any other type is never asked about. */
  qualifying: z
    .partialRecord(InteractionType, QualifyingType)
    .default({
      support: { kind: 'csat', relevance: 90 },
      call: { kind: 'csat', relevance: 80 },
      visit: { kind: 'nps', relevance: 50 },
      purchase: { kind: 'nps', relevance: 40 },
    })
    .refine((types) => Object.keys(types).length > 0, 'name at least one qualifying type'),
  /** When invitations go out, in the customer's own zone, the day after the interaction. */
  window: LocalSpan.default({ start: '10:00', end: '12:00' }),
  /** No customer is invited more than once in this many days, across all surveys. */
  fatigueDays: z.number().int().min(0).max(365).default(30),
  /** How long the links in an invitation work. */
  linkDays: z.number().int().min(1).max(90).default(14),
  /** Per locale; `en` is required (the fallback), other locales fall back to it. */
  wording: z
    .record(
      z.string().regex(/^[a-z]{2}$/, 'use a two-letter language code'),
      z.record(SurveyKind, SurveyWording),
    )
    .refine((locales) => 'en' in locales, 'give the en wording (the fallback)')
    .default({ en: ENGLISH }),
});
export type SurveyPolicy = z.infer<typeof SurveyPolicy>;

/** The survey an interaction type earns, or undefined when it does not qualify. */
export function qualifyingFor(policy: SurveyPolicy, type: string): QualifyingType | undefined {
  const parsed = InteractionType.safeParse(type);
  return parsed.success ? policy.qualifying[parsed.data] : undefined;
}

/** The wording for a customer's locale (`es-CO` reads `es`), falling back to English. */
export function wordingFor(policy: SurveyPolicy, kind: SurveyKind, locale: string): SurveyWording {
  const language = locale.slice(0, 2).toLowerCase();
  const chosen = policy.wording[language]?.[kind] ?? policy.wording.en?.[kind];
  // The schema requires `en` with both kinds, so this is unreachable with a parsed policy.
  if (!chosen) throw new Error(`surveys.yaml has no ${kind} wording for en`);
  return chosen;
}

/** The policy with every default: what applies when workflows/surveys.yaml is absent. */
export const DEFAULT_SURVEY_POLICY: SurveyPolicy = SurveyPolicy.parse({});

/** Reads workflows/surveys.yaml (already parsed YAML); problems are pushed, defaults returned. */
export function parseSurveyPolicy(
  source: { readonly file: string; readonly data: unknown } | undefined,
  problems: string[],
): SurveyPolicy {
  if (!source) return DEFAULT_SURVEY_POLICY;
  const result = SurveyPolicy.safeParse(source.data ?? {});
  if (result.success) return result.data;
  problems.push(
    `${source.file}: ${result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`,
  );
  return DEFAULT_SURVEY_POLICY;
}
