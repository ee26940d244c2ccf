import * as z from 'zod';

const Share = z.number().min(0).max(1);
const Days = z.number().int().min(1).max(36_500);

/** How tier A is chosen: by the revenue it makes up, or as a top share of customers. */
const TierARule = z.discriminatedUnion('rule', [
  z.strictObject({
    rule: z.literal('revenue-share'),
    /** A is the smallest set of customers that makes up this share of revenue (Pareto's 80%)... */
    revenueShare: Share.default(0.8),
    /** ...but never more than this share of all customers. */
    maxCustomerShare: Share.default(0.2),
  }),
  z.strictObject({
    rule: z.literal('top-share'),
    /** A is this share of customers with the highest trailing-12-month revenue. */
    topShare: Share.default(0.1),
  }),
]);

/**
 * The tier policy marketing ops tune (workflows/tiers/policy.yaml). Every number has a default
 * taken from the seeds, so an empty file is a valid policy.
 */
export const TierPolicy = z.strictObject({
  a: TierARule.default({ rule: 'revenue-share', revenueShare: 0.8, maxCustomerShare: 0.2 }),
  c: z
    .strictObject({
      /** The customers with the lowest trailing revenue, as a share of all customers. */
      bottomShare: Share.default(0.2),
    })
    .default({ bottomShare: 0.2 }),
  equity: z
    .strictObject({
      /** Customer equity is T1 x N years (the seed: at least 5). */
      years: z.number().int().min(1).max(50).default(5),
      /** Yearly discount rate; 0 reproduces the seed's T1 x N. */
      discountRate: z.number().min(0).max(1).default(0),
    })
    .default({ years: 5, discountRate: 0 }),
  baseline: z
    .strictObject({
      /** The usual volume is the yearly revenue over this many years before the current one. */
      years: z.number().min(0.25).max(10).default(2),
      /** Revenue observed over less time than this is annualised over this much. */
      minObservedDays: Days.default(182),
    })
    .default({ years: 2, minObservedDays: 182 }),
  decline: z
    .strictObject({
      /** A valuable customer buying less than this share of their usual volume is declining. */
      below: Share.default(0.4),
    })
    .default({ below: 0.4 }),
  lapse: z
    .strictObject({
      /** No purchase for this long: lost... */
      afterDays: Days.default(365),
      /** ...and still worth winning back if the last purchase is more recent than this. */
      withinDays: Days.default(730),
    })
    .default({ afterDays: 365, withinDays: 730 }),
  atRisk: z
    .strictObject({
      /** A valuable customer whose probability of being alive falls below this is at risk. */
      pAliveBelow: Share.default(0.5),
    })
    .default({ pAliveBelow: 0.5 }),
  model: z
    .strictObject({
      /** "The next period" of the predictions, in weeks. */
      predictionWeeks: z.number().int().min(1).max(520).default(52),
      /** Customers the BG/NBD and Gamma-Gamma fits use (a uniform sample by id). */
      sampleSize: z.number().int().min(100).max(50_000).default(5000),
      /** With fewer customers than this in the sample, no model is fitted (no P(alive)). */
      minSample: z.number().int().min(10).default(200),
    })
    .default({ predictionWeeks: 52, sampleSize: 5000, minSample: 200 }),
  stages: z
    .strictObject({
      /** Intimacy: repeat purchases, an active relationship, and a conversation. */
      intimacy: z
        .strictObject({
          minPurchases: z.number().int().min(1).default(2),
          minConversations: z.number().int().min(0).default(1),
          activeWithinDays: Days.default(365),
        })
        .default({ minPurchases: 2, minConversations: 1, activeWithinDays: 365 }),
      /** Trust: intimacy held over time, no recent complaint, no detractor answer. */
      trust: z
        .strictObject({
          minPurchases: z.number().int().min(1).default(4),
          minTenureDays: Days.default(365),
          noComplaintWithinDays: Days.default(90),
          minSurveyScore: z.number().min(0).max(10).default(7),
        })
        .default({
          minPurchases: 4,
          minTenureDays: 365,
          noComplaintWithinDays: 90,
          minSurveyScore: 7,
        }),
    })
    .default({
      intimacy: { minPurchases: 2, minConversations: 1, activeWithinDays: 365 },
      trust: { minPurchases: 4, minTenureDays: 365, noComplaintWithinDays: 90, minSurveyScore: 7 },
    }),
});
export type TierPolicy = z.output<typeof TierPolicy>;
export type TierPolicyInput = z.input<typeof TierPolicy>;

export const DEFAULT_TIER_POLICY: TierPolicy = TierPolicy.parse({});
