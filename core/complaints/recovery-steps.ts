import * as z from 'zod';
import type { Clock } from '../ports.ts';
import { chooseOwner } from './assign.ts';
import { type ComplaintCase, currentRound, type HistoryEntry, isOpen, withEntry } from './case.ts';
import { nextCheckpoint } from './checkpoints.ts';
import { type ComplaintPolicy, escalatesAtOnce, ms } from './policy.ts';
import type { CaseStore } from './ports.ts';

/** What a task of the recovery workflow asks the complaint-steps function to do. */
export const RecoveryStep = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('assign'), caseId: z.string() }),
  z.strictObject({ step: z.literal('acknowledge'), caseId: z.string() }),
  z.strictObject({ step: z.literal('next-checkpoint'), caseId: z.string() }),
  z.strictObject({ step: z.literal('await-resolution'), caseId: z.string(), token: z.string() }),
  z.strictObject({ step: z.literal('remind'), caseId: z.string() }),
  z.strictObject({ step: z.literal('at-risk'), caseId: z.string() }),
  z.strictObject({ step: z.literal('thank'), caseId: z.string() }),
  z.strictObject({ step: z.literal('plan-follow-up'), caseId: z.string() }),
  z.strictObject({ step: z.literal('follow-up'), caseId: z.string() }),
  z.strictObject({
    step: z.literal('notification-failed'),
    caseId: z.string(),
    failed: z.string(),
    error: z.unknown(),
  }),
]);
export type RecoveryStep = z.infer<typeof RecoveryStep>;

/** A message of the recovery: to the customer (signed by the owner), the owner or the manager. */
export interface RecoveryMessage {
  readonly template:
    | 'complaint-acknowledgement'
    | 'complaint-reminder'
    | 'complaint-escalation'
    | 'complaint-at-risk'
    | 'complaint-thank-you'
    | 'complaint-follow-up';
  readonly to: 'customer' | 'owner' | 'manager';
  readonly case: ComplaintCase;
  /** Once per case and purpose: the dispatcher sends a message under one id once. */
  readonly messageId: string;
}

export interface RecoveryDeps {
  readonly cases: CaseStore;
  readonly policy: ComplaintPolicy;
  readonly clock: Clock;
  /** Hands the message to the dispatcher (which applies consent and the channel choice). */
  readonly send: (message: RecoveryMessage) => Promise<void>;
  /** Keeps the task token where the resolution API finds it (by case id). */
  readonly keepToken: (caseId: string, token: string) => Promise<void>;
  /** Resumes the workflow waiting under the case id (a resolution that came in between waits). */
  readonly resume: (caseId: string, output: Record<string, unknown>) => Promise<unknown>;
}

export class CaseNotFoundError extends Error {
  override name = 'CaseNotFoundError';
}

interface StepContext {
  readonly deps: RecoveryDeps;
  readonly c: ComplaintCase;
  readonly now: Date;
  readonly entry: (kind: HistoryEntry['kind'], extra?: Partial<HistoryEntry>) => HistoryEntry;
  readonly has: (kind: HistoryEntry['kind']) => boolean;
  readonly message: (
    template: RecoveryMessage['template'],
    to: RecoveryMessage['to'],
    key: string,
  ) => Promise<void>;
}

type Steps = {
  [K in RecoveryStep['step']]: (
    ctx: StepContext,
    input: Extract<RecoveryStep, { step: K }>,
  ) => Promise<unknown>;
};

/**
 * Each step reads the case, acts once (a retried or replayed step finds its history entry and
 * does not send again) and records what it did in the case's history.
 */
const steps: Steps = {
  async assign({ deps, c, now, entry, message }) {
    if (c.owner) return { owner: c.owner };
    const loads: Record<string, number> = {};
    for (const other of await deps.cases.list(now.toISOString()))
      if (other.owner && other.status !== 'resolved')
        loads[other.owner] = (loads[other.owner] ?? 0) + 1;
    const owner = chooseOwner(deps.policy, loads, c.tier, c.severity);
    const entries = [entry('assigned', { by: owner.id })];
    if (escalatesAtOnce(deps.policy, c.severity)) {
      await message('complaint-escalation', 'manager', 'escalation-at-once');
      entries.push(entry('escalated', { note: `severity ${c.severity}` }));
    }
    await save(deps, c, entries, { owner: owner.id });
    return { owner: owner.id };
  },
  async acknowledge({ deps, c, now, entry, has, message }) {
    if (has('acknowledged')) return {};
    await message('complaint-acknowledgement', 'customer', 'acknowledgement');
    const firstResponseAt = c.firstResponseAt ?? now.toISOString();
    await save(deps, c, [entry('acknowledged', { by: c.owner })], { firstResponseAt });
    return {};
  },
  async 'next-checkpoint'({ deps, c, now }) {
    return nextCheckpoint(deps.policy, c, now);
  },
  async 'await-resolution'({ deps, c }, input) {
    await deps.keepToken(c.caseId, input.token);
    // Resolved while no token was waiting (between checkpoints): continue at once.
    if (c.status === 'resolved') await deps.resume(c.caseId, { resolvedAt: c.resolvedAt });
    return {};
  },
  async remind({ deps, c, now, entry, message }) {
    const next = nextCheckpoint(deps.policy, c, now);
    // Only a reminder that is due: a repeated call finds the next one still in the future.
    if (next.kind !== 'reminder' || !isOpen(c) || Date.parse(next.at) > now.getTime()) return {};
    await message('complaint-reminder', 'owner', `reminder-${next.reminder}`);
    const entries = [entry('reminded', { note: `reminder ${next.reminder}` })];
    if (next.escalate) {
      await message('complaint-escalation', 'manager', `escalation-${next.reminder}`);
      entries.push(entry('escalated', { note: `reminder ${next.reminder - 1} unanswered` }));
    }
    await save(deps, c, entries);
    return {};
  },
  async 'at-risk'({ deps, c, entry, message }) {
    if (!isOpen(c)) return {};
    await message('complaint-at-risk', 'manager', 'at-risk');
    await save(deps, c, [entry('at-risk')], { status: 'at-risk' });
    return {};
  },
  async thank({ deps, c, entry, has, message }) {
    if (has('thanked')) return {};
    await message('complaint-thank-you', 'customer', 'thank-you');
    await save(deps, c, [entry('thanked')]);
    return {};
  },
  async 'plan-follow-up'({ deps, c, now }) {
    const resolvedAt = Date.parse(c.resolvedAt ?? now.toISOString());
    return { at: new Date(resolvedAt + ms(deps.policy.followUpAfter)).toISOString() };
  },
  async 'follow-up'({ deps, c, entry, has, message }) {
    if (has('follow-up')) return {};
    await message('complaint-follow-up', 'customer', 'follow-up');
    await save(deps, c, [entry('follow-up')]);
    return {};
  },
  async 'notification-failed'({ deps, c, entry }, input) {
    const note = `${input.failed}: ${JSON.stringify(input.error).slice(0, 500)}`;
    await save(deps, c, [entry('notification-failed', { note })]);
    return {};
  },
};

/** Runs one step of the recovery workflow for its case. */
export async function runRecoveryStep(deps: RecoveryDeps, input: RecoveryStep): Promise<unknown> {
  const now = deps.clock();
  const c = await deps.cases.get(input.caseId);
  if (!c) throw new CaseNotFoundError(`no case ${input.caseId}`);
  const round = currentRound(c);
  const ctx: StepContext = {
    deps,
    c,
    now,
    entry: (kind, extra = {}) => ({ at: now.toISOString(), kind, ...extra }),
    has: (kind) => round.entries.some((e) => e.kind === kind),
    // Once per case, purpose and round: a reopened case sends its messages again.
    message: (template, to, key) =>
      deps.send({
        template,
        to,
        case: c,
        messageId: round.round === 0 ? `${c.caseId}:${key}` : `${c.caseId}:r${round.round}:${key}`,
      }),
  };
  const step = steps[input.step] as (ctx: StepContext, input: RecoveryStep) => Promise<unknown>;
  return step(ctx, input);
}

/** Adds entries to the case, re-reading it when another writer changed it meanwhile. */
async function save(
  deps: RecoveryDeps,
  read: ComplaintCase,
  entries: HistoryEntry[],
  changes: Partial<ComplaintCase> = {},
) {
  let current = read;
  for (let attempt = 0; attempt < 5; attempt++) {
    const updated = entries.reduce((c, e) => withEntry(c, e), { ...current, ...changes });
    if (await deps.cases.update(updated, current.history.length)) return;
    current = (await deps.cases.get(read.caseId)) ?? current;
  }
  throw new Error(`case ${read.caseId} kept changing`);
}
