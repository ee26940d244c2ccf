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
 * (80 characters of letters, digits, `-` and `_`), else a digest of it, so one case is always
 * one execution and a second start is refused.
 */
export function recoveryExecutionName(caseId: string): string {
  if (/^[A-Za-z0-9_-]{1,80}$/.test(caseId)) return caseId;
  return `case-${hash('sha256', caseId, 'hex').slice(0, 40)}`;
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

/** The case with an entry added to its history (and `changes` applied). */
export function withEntry(
  c: ComplaintCase,
  entry: HistoryEntry,
  changes: Partial<ComplaintCase> = {},
): ComplaintCase {
  return { ...c, ...changes, history: [...c.history, entry] };
}
