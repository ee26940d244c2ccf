import { hash } from 'node:crypto';
import * as z from 'zod';
import { EntityId } from '../customer/customer.ts';
import { Tier } from '../customer/system-state.ts';
import { Touchpoint } from '../interaction/interaction.ts';
import { MultiLineText } from '../validation/text.ts';
import { type ComplaintPolicy, ms, Severity } from './policy.ts';

export const ComplaintCategory = z.enum([
  'product',
  'service',
  'delivery',
  'billing',
  'staff',
  'other',
]);
export type ComplaintCategory = z.infer<typeof ComplaintCategory>;

/** Where a complaint came from; its id makes the case id, so the same source opens one case. */
export const CaseSource = z.discriminatedUnion('kind', [
  /** An interaction of type complaint (interaction.recorded). */
  z.strictObject({ kind: z.literal('interaction'), id: EntityId }),
  /** `POST /cases`, with the caller's idempotency key. */
  z.strictObject({ kind: z.literal('api'), id: EntityId }),
  /** complaint.opened (a detractor's answer, an open-case action): its case id is kept. */
  z.strictObject({ kind: z.literal('opened'), id: z.string().min(1).max(256) }),
]);
export type CaseSource = z.infer<typeof CaseSource>;

export const CaseStatus = z.enum(['open', 'resolved', 'at-risk', 'reopened']);
export type CaseStatus = z.infer<typeof CaseStatus>;

const HistoryEntry = z.strictObject({
  at: z.iso.datetime(),
  kind: z.enum([
    'opened',
    'assigned',
    'acknowledged',
    'reminded',
    'escalated',
    'reassigned',
    'resolved',
    'thanked',
    'at-risk',
    'follow-up',
    'reopened',
    'notification-failed',
  ]),
  by: z.string().max(128).optional(),
  note: z.string().max(2000).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const Resolution = z.strictObject({
  note: MultiLineText(2000).pipe(z.string().trim().min(1)),
  firstContact: z.boolean(),
  by: z.string().min(1).max(128),
});
export type Resolution = z.infer<typeof Resolution>;

/** A complaint case as stored (docs/data-model.md): one per complaint, owned by QA. */
export const ComplaintCase = z.strictObject({
  caseId: z.string().min(1).max(256),
  customerId: EntityId,
  source: CaseSource,
  severity: Severity,
  category: ComplaintCategory,
  channel: Touchpoint,
  description: MultiLineText(2000).optional(),
  /** The customer's tier when the case opened (B when they have none yet). */
  tier: Tier,
  status: CaseStatus,
  openedAt: z.iso.datetime(),
  deadlineAt: z.iso.datetime(),
  owner: z.string().optional(),
  firstResponseAt: z.iso.datetime().optional(),
  resolvedAt: z.iso.datetime().optional(),
  resolution: Resolution.optional(),
  /** When an unhappy follow-up last reopened it: its checkpoints count from here. */
  reopenedAt: z.iso.datetime().optional(),
  history: z.array(HistoryEntry),
});
export type ComplaintCase = z.infer<typeof ComplaintCase>;

/** The case id of a source: stable, so a redelivered complaint finds its case. */
export function caseIdFor(source: CaseSource): string {
  return source.kind === 'opened' ? source.id : `case-${source.kind}-${source.id}`;
}

export interface OpenCaseInput {
  readonly source: CaseSource;
  readonly customerId: string;
  readonly severity: Severity;
  readonly category: ComplaintCategory;
  readonly channel: Touchpoint;
  readonly description?: string;
  readonly tier?: Tier;
}

/**
 * The recovery execution's name for a case: the case id when Step Functions accepts it as a name
 * (80 characters of letters, digits, `-` and `_`), else a digest of it, so one case (and round)
 * is always one execution and a second start is refused.
 */
export function recoveryExecutionName(caseId: string, round = 0): string {
  // Each reopening runs the recovery again: a round of its own, under a name of its own.
  const name = round === 0 ? caseId : `${caseId}-r${round}`;
  if (/^[A-Za-z0-9_-]{1,80}$/.test(name)) return name;
  return `case-${hash('sha256', name, 'hex').slice(0, 40)}`;
}

/** A new case, open, with its 30-day deadline counted from now. */
export function newCase(input: OpenCaseInput, policy: ComplaintPolicy, now: Date): ComplaintCase {
  const openedAt = now.toISOString();
  return {
    caseId: caseIdFor(input.source),
    customerId: input.customerId,
    source: input.source,
    severity: input.severity,
    category: input.category,
    channel: input.channel,
    ...(input.description ? { description: input.description } : {}),
    tier: input.tier ?? 'B',
    status: 'open',
    openedAt,
    deadlineAt: new Date(now.getTime() + ms(policy.deadline)).toISOString(),
    history: [{ at: openedAt, kind: 'opened' }],
  };
}

/** Still waiting for its resolution (an at-risk case is no longer waited for, but still open). */
export const isOpen = (c: ComplaintCase): boolean => c.status === 'open' || c.status === 'reopened';

export type ResolveOutcome =
  | { readonly kind: 'resolved'; readonly case: ComplaintCase }
  | { readonly kind: 'already-resolved'; readonly case: ComplaintCase };

/**
 * The case resolved by its owner's note. Resolving twice keeps the first resolution (an owner's
 * double click, a retried request): the workflow is resumed once.
 */
export function resolveCase(c: ComplaintCase, resolution: Resolution, now: Date): ResolveOutcome {
  if (c.status === 'resolved') return { kind: 'already-resolved', case: c };
  const at = now.toISOString();
  return {
    kind: 'resolved',
    case: {
      ...c,
      status: 'resolved',
      resolvedAt: at,
      resolution,
      firstResponseAt: c.firstResponseAt ?? at,
      history: [...c.history, { at, kind: 'resolved', by: resolution.by, note: resolution.note }],
    },
  };
}

/**
 * The entries of the case's current round: since it was last reopened (all of them before). A
 * reopened case is acknowledged, reminded and thanked again, once per round.
 */
export function currentRound(c: ComplaintCase): {
  readonly round: number;
  readonly entries: HistoryEntry[];
} {
  const reopenings = c.history.filter((entry) => entry.kind === 'reopened').length;
  const last = c.history.map((entry) => entry.kind).lastIndexOf('reopened');
  return { round: reopenings, entries: last < 0 ? c.history : c.history.slice(last) };
}

export type ReopenOutcome =
  | { readonly kind: 'reopened'; readonly case: ComplaintCase }
  | { readonly kind: 'not-resolved'; readonly case: ComplaintCase };

/**
 * The case reopened after the customer said, at the follow-up check, that they are still unhappy:
 * open again with a fresh deadline counted from now, its owner kept. Only a resolved case reopens;
 * an answer about one still open is already being handled.
 */
export function reopenCase(
  c: ComplaintCase,
  policy: ComplaintPolicy,
  now: Date,
  note: string,
): ReopenOutcome {
  if (c.status !== 'resolved') return { kind: 'not-resolved', case: c };
  const at = now.toISOString();
  const { resolvedAt: _resolvedAt, resolution: _resolution, ...rest } = c;
  return {
    kind: 'reopened',
    case: {
      ...rest,
      status: 'reopened',
      reopenedAt: at,
      deadlineAt: new Date(now.getTime() + ms(policy.deadline)).toISOString(),
      history: [...c.history, { at, kind: 'reopened', note: note.slice(0, 2000) }],
    },
  };
}

/** The case with an entry added to its history (and `changes` applied). */
export function withEntry(
  c: ComplaintCase,
  entry: HistoryEntry,
  changes: Partial<ComplaintCase> = {},
): ComplaintCase {
  return { ...c, ...changes, history: [...c.history, entry] };
}
