import { customerEquity } from './equity.ts';
import { CONVERSATION_TYPES, type CustomerHistory, DAY_MS, WEEK_MS } from './history.ts';
import type { TierPolicy } from './policy.ts';

/**
 * What a tier run knows about a customer as of an instant, from the interaction history alone.
 * Optional fields are unknown (no purchase yet, no baseline observed, no survey answer).
 */
export interface ValueMetrics {
  /** Trailing-12-month revenue: purchases plus returns (negative) in the current year. */
  readonly t1: number;
  /** Purchase occasions (distinct days) in the current year: the frequency. */
  readonly purchases12m: number;
  /** Purchase occasions ever. */
  readonly purchaseOccasions: number;
  /** Days since the last purchase: the recency. */
  readonly recencyDays?: number;
  /** Days since the first interaction of any kind. */
  readonly tenureDays?: number;
  /** T1 x N years, discounted (equity.ts). */
  readonly equity: number;
  /** The usual yearly volume: revenue in the baseline years before the current one, annualised. */
  readonly baseline?: number;
  /** T1 / baseline: below the policy's `decline.below` a valuable customer is declining. */
  readonly volumeRatio?: number;
  readonly complaints12m: number;
  readonly daysSinceComplaint?: number;
  /** Two-way contacts ever (visits, calls, chats, emails, support, events, quotes). */
  readonly conversations: number;
  readonly surveyScore?: number;
  /** BG/NBD inputs, in weeks: repeat occasions, time of the last one and age since the first. */
  readonly x: number;
  readonly tx: number;
  readonly T: number;
  /** Mean value of the repeat occasions (Gamma-Gamma's input), when there are any. */
  readonly meanRepeatSpend?: number;
}

/** The metrics of one customer as of `asOf` (epoch ms); interactions after it are ignored. */
// biome-ignore lint/complexity/noExcessiveCognitiveComplexity: one pass over the history on purpose; it runs a million times per run (npm run bench).
export function valueMetrics(
  history: CustomerHistory,
  asOf: number,
  policy: TierPolicy,
): ValueMetrics {
  const yearStart = asOf - 365 * DAY_MS;
  const baselineStart = yearStart - policy.baseline.years * 365 * DAY_MS;
  let t1 = 0;
  let baselineRevenue = 0;
  let firstAny = Number.POSITIVE_INFINITY;
  let complaints12m = 0;
  let lastComplaint = Number.NEGATIVE_INFINITY;
  let conversations = 0;
  // Purchase occasions are distinct days (several tickets a day are one). Plain arrays of day
  // numbers, sorted once: a Map and a Set per customer cost more than the rest of the pass.
  const purchaseDays: number[] = [];
  const recentDays: number[] = [];
  let purchaseTotal = 0;
  let firstDayTotal = 0;
  let first: number | undefined;
  let last: number | undefined;
  let lastPurchase = Number.NEGATIVE_INFINITY;
  for (const event of history.events) {
    if (event.at > asOf) continue;
    if (event.at < firstAny) firstAny = event.at;
    const money = event.type === 'purchase' || event.type === 'return';
    if (money && event.at > yearStart) t1 += event.amount;
    else if (money && event.at > baselineStart) baselineRevenue += event.amount;
    if (event.type === 'purchase') {
      const day = Math.floor(event.at / DAY_MS);
      purchaseDays.push(day);
      purchaseTotal += event.amount;
      if (first === undefined || day < first) {
        first = day;
        firstDayTotal = event.amount;
      } else if (day === first) firstDayTotal += event.amount;
      if (last === undefined || day > last) last = day;
      if (event.at > yearStart) recentDays.push(day);
      if (event.at > lastPurchase) lastPurchase = event.at;
    } else if (event.type === 'complaint') {
      if (event.at > yearStart) complaints12m++;
      if (event.at > lastComplaint) lastComplaint = event.at;
    } else if (CONVERSATION_TYPES.has(event.type)) conversations++;
  }
  const occasions = distinctCount(purchaseDays);
  const repeatTotal = purchaseTotal - firstDayTotal;
  const x = Math.max(0, occasions - 1);
  const baseline = baselineOf(first, baselineRevenue, { yearStart, baselineStart, policy });
  const recencyDays = Number.isFinite(lastPurchase) ? (asOf - lastPurchase) / DAY_MS : undefined;
  // One object shape for every customer (unknowns are undefined, never absent): the classify,
  // stage and decide steps read these fields a million times a run, and a shape per combination
  // of known fields made those reads megamorphic.
  return {
    t1,
    purchases12m: distinctCount(recentDays),
    purchaseOccasions: occasions,
    recencyDays,
    tenureDays: Number.isFinite(firstAny) ? (asOf - firstAny) / DAY_MS : undefined,
    equity: customerEquity(t1, policy.equity.years, policy.equity.discountRate),
    baseline,
    volumeRatio: baseline !== undefined && baseline > 0 ? t1 / baseline : undefined,
    complaints12m,
    daysSinceComplaint: Number.isFinite(lastComplaint)
      ? (asOf - lastComplaint) / DAY_MS
      : undefined,
    conversations,
    surveyScore: history.surveyScore,
    x,
    tx: first === undefined || last === undefined ? 0 : ((last - first) * DAY_MS) / WEEK_MS,
    T: first === undefined ? 0 : (asOf - first * DAY_MS) / WEEK_MS,
    meanRepeatSpend: x > 0 ? repeatTotal / x : undefined,
  };
}

/** `valueMetrics(...).t1` alone, for the first pass (the same rule, without the rest). */
export function trailingRevenue(history: CustomerHistory, asOf: number): number {
  const yearStart = asOf - 365 * DAY_MS;
  let t1 = 0;
  for (const event of history.events) {
    if (event.at > asOf || event.at <= yearStart) continue;
    if (event.type === 'purchase' || event.type === 'return') t1 += event.amount;
  }
  return t1;
}

/** Distinct values of a short array of day numbers (sorted in place). */
function distinctCount(days: number[]): number {
  if (days.length < 2) return days.length;
  // Insertion sort: most customers have a handful of purchase days, where it beats sort()'s
  // comparator calls several times over.
  if (days.length <= 32) {
    for (let i = 1; i < days.length; i++) {
      const day = days[i] as number;
      let j = i - 1;
      while (j >= 0 && (days[j] as number) > day) {
        days[j + 1] = days[j] as number;
        j--;
      }
      days[j + 1] = day;
    }
  } else days.sort((p, q) => p - q);
  let distinct = 1;
  for (let i = 1; i < days.length; i++) if (days[i] !== days[i - 1]) distinct++;
  return distinct;
}

/**
 * Revenue in the baseline years, per year of them the customer was observed in (from their first
 * purchase, at least `minObservedDays`). Undefined when their first purchase is in the current
 * year: there is no usual volume to compare with yet.
 */
function baselineOf(
  firstDay: number | undefined,
  revenue: number,
  window: { yearStart: number; baselineStart: number; policy: TierPolicy },
): number | undefined {
  if (firstDay === undefined) return undefined;
  const firstAt = firstDay * DAY_MS;
  if (firstAt > window.yearStart) return undefined;
  const observedDays = (window.yearStart - Math.max(firstAt, window.baselineStart)) / DAY_MS;
  const years = Math.max(observedDays, window.policy.baseline.minObservedDays) / 365;
  return revenue / years;
}
