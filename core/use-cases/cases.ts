import * as z from 'zod';
import {
  type ComplaintCase,
  ComplaintCategory,
  caseIdFor,
  Resolution,
  recoveryExecutionName,
  withEntry,
} from '../complaints/case.ts';
import {
  type CaseIndicators,
  caseIndicators as indicatorsOf,
  openCases,
} from '../complaints/indicators.ts';
import { intakeComplaint } from '../complaints/intake.ts';
import { type ComplaintPolicy, Severity } from '../complaints/policy.ts';
import type { CaseStore } from '../complaints/ports.ts';
import { type RecoveryRate, recoveryEligible, recoveryRate } from '../complaints/recovery-rate.ts';
import { resolveComplaint } from '../complaints/resolve.ts';
import { EntityId } from '../customer/customer.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '../errors.ts';
import { Touchpoint } from '../interaction/interaction.ts';
import type {
  Clock,
  CustomerStore,
  SystemStateStore,
  WorkflowStarter,
  WorkflowTasks,
} from '../ports.ts';
import { MAX_PERIOD_DAYS, PeriodBound } from '../surveys/indicators-query.ts';
import type { HistoryEvent } from '../tiers/history.ts';
import { inParallel } from '../tiers/in-parallel.ts';
import type { ValueWriter } from '../tiers/ports.ts';
import { MultiLineText } from '../validation/text.ts';
import { parseInput } from './parse-input.ts';

export interface CaseDeps {
  readonly cases: CaseStore;
  readonly customers: Pick<CustomerStore, 'getCustomer'>;
  readonly systemState: SystemStateStore;
  readonly complaintPolicy: ComplaintPolicy;
  /** The recovery state machine: one execution per case, named after it. */
  readonly complaintWorkflow: WorkflowStarter;
  /** Where a resolution resumes the recovery waiting on the case's task token. */
  readonly workflows: WorkflowTasks;
  /**
   * A customer's whole interaction history: the tier run's per-customer re-read (one Query on the
   * customer's partition), never a scan. The recovery rate looks for purchases in it.
   */
  readonly customerHistories: Pick<ValueWriter, 'reread'>;
  readonly clock: Clock;
}

/** A case id in a path: what caseIdFor makes (`case-api-<key>`, ...) or complaint.opened carries. */
export const CaseId = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:@-]*$/, 'is not a case id');

/** `POST /cases`: `key` is the caller's idempotency key; the same key finds the same case. */
export const CaseInput = z.strictObject({
  key: EntityId,
  customerId: EntityId,
  severity: Severity,
  category: ComplaintCategory,
  channel: Touchpoint,
  description: MultiLineText(2000).optional(),
});
export type CaseInput = z.infer<typeof CaseInput>;

/** `POST /cases/{caseId}/owner`. */
export const Reassignment = z.strictObject({
  owner: z.string().min(1).max(40),
  by: z.string().min(1).max(128),
  reason: MultiLineText(500).pipe(z.string().trim().min(1)).optional(),
});

/** `GET /cases`: every filter optional; a parameter the list does not know is refused. */
const ListQuery = z.strictObject({
  owner: z.string().min(1).max(40).optional(),
  severity: Severity.optional(),
  minAgeDays: z
    .string()
    .regex(/^\d{1,4}$/, 'expected a whole number of days')
    .transform(Number)
    .optional(),
});

const IndicatorQuery = z.strictObject({ from: PeriodBound, to: PeriodBound });

/** Customers' histories read at once for the recovery rate: DynamoDB's, not Lambda's, pace. */
const HISTORY_READS_IN_FLIGHT = 8;

export type OpenedCase = { readonly status: 'opened' | 'exists'; readonly case: ComplaintCase };

/**
 * Opens a complaint case from the API, once per key: a retry with the same key and content finds
 * the case (and repeats the hold and the workflow start, both idempotent, in case the first call
 * was cut short); the same key with another complaint is a conflict, refused before any write.
 */
export async function openCaseFromApi(deps: CaseDeps, body: unknown): Promise<OpenedCase> {
  const input = parseInput(CaseInput, body);
  const source = { kind: 'api', id: input.key } as const;
  const before = await deps.cases.get(caseIdFor(source));
  if (before) assertSameComplaint(before, input);
  const customer = await deps.customers.getCustomer(input.customerId);
  if (!customer) {
    throw new NotFoundError('customer', input.customerId, 'register the customer first');
  }
  const result = await intakeComplaint(
    {
      cases: deps.cases,
      systemState: deps.systemState,
      policy: deps.complaintPolicy,
      clock: deps.clock,
      startRecovery: (c) =>
        deps.complaintWorkflow.start(recoveryExecutionName(c.caseId), { caseId: c.caseId }),
    },
    {
      id: customer.id,
      holds: customer.holds,
      ...(customer.value && { tier: customer.value.tier }),
    },
    {
      source,
      customerId: input.customerId,
      severity: input.severity,
      category: input.category,
      channel: input.channel,
      ...(input.description !== undefined && { description: input.description }),
    },
  );
  // Two first calls with one key and different complaints race past the check above.
  if (result.kind === 'exists') assertSameComplaint(result.case, input);
  return { status: result.kind, case: result.case };
}

function assertSameComplaint(c: ComplaintCase, input: CaseInput): void {
  const same =
    c.customerId === input.customerId &&
    c.severity === input.severity &&
    c.category === input.category &&
    c.channel === input.channel &&
    c.description === input.description;
  if (!same) {
    throw new ConflictError(
      `key '${input.key}' already opened case '${c.caseId}' for another complaint; use a new key for a new complaint`,
    );
  }
}

/** The unresolved cases (open, reopened, at risk), nearest deadline first, with their days left. */
export async function listCases(deps: CaseDeps, query: unknown) {
  const filter = parseQuery(ListQuery, query);
  const now = deps.clock();
  // The store adds the resolved cases opened since its argument: since now, none.
  const cases = await deps.cases.list(now.toISOString());
  return { cases: openCases(cases, filter, now) };
}

/** One case with its full history. */
export async function getCase(deps: Pick<CaseDeps, 'cases'>, caseId: string) {
  const c = await deps.cases.get(caseId);
  if (!c) throw new NotFoundError('case', caseId);
  return c;
}

/** The owner's resolution; a second one answers `already-resolved` with the first kept. */
export async function resolve(deps: CaseDeps, caseId: string, body: unknown) {
  const resolution = parseInput(Resolution, body);
  const status = await resolveComplaint(deps, caseId, resolution);
  if (status === 'not-found') throw new NotFoundError('case', caseId);
  return { status, case: await getCase(deps, caseId) };
}

/**
 * Gives the case to another member of the complaint team, recorded in its history. Conditional on
 * the history read, like every case change, so a workflow step writing meanwhile is not lost: the
 * reassignment is tried again on the fresh case. Asking for the current owner changes nothing.
 */
export async function reassign(deps: CaseDeps, caseId: string, body: unknown) {
  const input = parseInput(Reassignment, body);
  const team = deps.complaintPolicy.team.map((member) => member.id);
  if (!team.includes(input.owner)) {
    throw new InvalidInputError('the request body is not valid', [
      {
        code: 'custom',
        path: ['owner'],
        message: `'${input.owner}' is not in the complaint team; known owners: ${team.join(', ')}`,
      },
    ]);
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await getCase(deps, caseId);
    if (c.status === 'resolved') {
      throw new ConflictError(`case '${caseId}' is resolved: there is nothing left to own`);
    }
    if (c.owner === input.owner) return { status: 'unchanged' as const, case: c };
    const note = `from ${c.owner ?? 'nobody'} to ${input.owner}${input.reason ? `: ${input.reason}` : ''}`;
    const next = withEntry(
      c,
      { at: deps.clock().toISOString(), kind: 'reassigned', by: input.by, note },
      { owner: input.owner },
    );
    if (await deps.cases.update(next, c.history.length)) {
      return { status: 'reassigned' as const, case: next };
    }
  }
  throw new Error(`case ${caseId} kept changing`);
}

export interface CaseIndicatorReport extends CaseIndicators {
  readonly from: string;
  readonly to: string;
  readonly recoveryRate: RecoveryRate;
}

/**
 * The indicators of the cases opened in [from, to), with the recovery rate: only the customers of
 * cases resolved at least 90 days ago are read, each with one Query on their own partition.
 */
export async function caseIndicators(deps: CaseDeps, query: unknown): Promise<CaseIndicatorReport> {
  const { from, to } = parseQuery(IndicatorQuery, query);
  const days = (to.getTime() - from.getTime()) / 86_400_000;
  if (days <= 0) throw new InvalidInputError("'to' must be after 'from'");
  if (days > MAX_PERIOD_DAYS) {
    throw new InvalidInputError(`a period covers at most ${MAX_PERIOD_DAYS} days`);
  }
  const now = deps.clock();
  const cases = (await deps.cases.list(from.toISOString())).filter((c) => {
    const openedAt = Date.parse(c.openedAt);
    return openedAt >= from.getTime() && openedAt < to.getTime();
  });
  const customers = [...new Set(recoveryEligible(cases, now).map((c) => c.customerId))];
  const histories = new Map<string, readonly HistoryEvent[]>();
  await inParallel(customers, HISTORY_READS_IN_FLIGHT, async (customerId) => {
    const found = await deps.customerHistories.reread(customerId);
    if (found) histories.set(customerId, found.history.events);
  });
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    ...indicatorsOf(cases, now),
    recoveryRate: recoveryRate(cases, histories, now),
  };
}

/** A query string checked whole (an unknown parameter is a typo, not a filter to ignore). */
function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  throw new InvalidInputError(
    'the query is not valid',
    result.error.issues.map((issue) => ({ ...issue, path: ['query', ...issue.path] })),
  );
}
