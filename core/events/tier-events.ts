import * as z from 'zod';
import { EntityId } from '../customer/customer.ts';
import { Tier } from '../customer/system-state.ts';
import { defineEvent } from './define.ts';

/** What every tier-run event carries: whom, which run, as of when. */
const runFields = {
  customerId: EntityId,
  runId: z.string().min(1).max(128),
  asOf: z.iso.datetime(),
};

const percent = (ratio: number | undefined) =>
  ratio === undefined ? '' : `${Math.round(ratio * 100)}%`;
const money = (amount: number) => Math.round(amount * 100) / 100;

export const tierChanged = defineEvent({
  type: 'tier.changed',
  description:
    "A tier run moved a customer to another value tier (A, B, C); not sent for a customer's first tier.",
  data: z.object({
    ...runFields,
    from: Tier,
    to: Tier,
    /** Trailing-12-month revenue and customer equity that placed them. */
    t1: z.number(),
    equity: z.number(),
  }),
  trigger: true,
  facts: (data) => ({ tier: { from: data.from, to: data.to, t1: data.t1, equity: data.equity } }),
  summary: (data) => ({ tier: { from: data.from, to: data.to } }),
  sample: {
    customerId: 'ana-garcia',
    runId: 'tiers-20261123T030000Z',
    asOf: '2026-11-23T03:00:00.000Z',
    from: 'B',
    to: 'A',
    t1: 1200,
    equity: 6000,
  },
});

export const customerDeclining = defineEvent({
  type: 'customer.declining',
  description:
    'A valuable customer (A, or A on their usual volume) is buying less than the policy share (40%) of their usual volume: visit them now.',
  data: z.object({
    ...runFields,
    t1: z.number(),
    baseline: z.number(),
    volumeRatio: z.number(),
    tier: Tier,
  }),
  trigger: true,
  facts: (data) => ({
    decline: { t1: data.t1, baseline: data.baseline, volumeRatio: data.volumeRatio },
  }),
  summary: (data) => ({
    decline: { share: percent(data.volumeRatio), usualVolume: money(data.baseline) },
  }),
  sample: {
    customerId: 'ana-garcia',
    runId: 'tiers-20261123T030000Z',
    asOf: '2026-11-23T03:00:00.000Z',
    t1: 350,
    baseline: 1000,
    volumeRatio: 0.35,
    tier: 'B',
  },
});

export const customerLapsed = defineEvent({
  type: 'customer.lapsed',
  description:
    'A valuable customer has not bought for a year (policy) but did within two: give them a reason to return.',
  data: z.object({
    ...runFields,
    lastPurchaseAt: z.iso.datetime(),
    daysSinceLastPurchase: z.number(),
    baseline: z.number(),
  }),
  trigger: true,
  facts: (data) => ({
    lapse: {
      lastPurchaseAt: data.lastPurchaseAt,
      daysSinceLastPurchase: data.daysSinceLastPurchase,
      baseline: data.baseline,
    },
  }),
  summary: (data) => ({
    lapse: {
      months: Math.floor(data.daysSinceLastPurchase / 30.44),
      usualVolume: money(data.baseline),
    },
  }),
  sample: {
    customerId: 'ana-garcia',
    runId: 'tiers-20261123T030000Z',
    asOf: '2026-11-23T03:00:00.000Z',
    lastPurchaseAt: '2025-09-01T15:00:00.000Z',
    daysSinceLastPurchase: 447,
    baseline: 1000,
  },
});

export const customerAtRisk = defineEvent({
  type: 'customer.at-risk',
  description:
    'The purchase model (BG/NBD) says a valuable customer is probably gone: P(alive) fell below the policy threshold.',
  data: z.object({
    ...runFields,
    pAlive: z.number().min(0).max(1),
    threshold: z.number().min(0).max(1),
    expectedPurchases: z.number(),
    tier: Tier,
  }),
  trigger: true,
  facts: (data) => ({
    risk: {
      pAlive: data.pAlive,
      threshold: data.threshold,
      expectedPurchases: data.expectedPurchases,
    },
  }),
  summary: (data) => ({ risk: { pAlive: percent(data.pAlive) } }),
  sample: {
    customerId: 'ana-garcia',
    runId: 'tiers-20261123T030000Z',
    asOf: '2026-11-23T03:00:00.000Z',
    pAlive: 0.32,
    threshold: 0.5,
    expectedPurchases: 0.4,
    tier: 'A',
  },
});
