import type { ValueState } from '../customer/system-state.ts';
import type { Events, WorkflowStarter } from '../ports.ts';
import type { CustomerHistory } from './history.ts';

/** Where a segment's scan goes on (a table key, opaque to the core). */
export type ScanCursor = Record<string, string>;

export interface ScannedCustomer {
  readonly history: CustomerHistory;
  readonly value?: ValueState;
}

/**
 * Reads customers one parallel-scan segment at a time, a chunk per call, stopping at a customer
 * boundary once its stopwatch passes `until`.
 */
export interface CustomerScanner {
  scanChunk(request: {
    readonly segment: number;
    readonly of: number;
    readonly cursor?: ScanCursor;
    readonly until: number;
  }): Promise<{ readonly customers: ScannedCustomer[]; readonly cursor?: ScanCursor }>;
}

/** Writes a customer's value part conditional on the revision read, with the change's events. */
export interface ValueWriter {
  write(
    customerId: string,
    next: ValueState,
    readRevision: number | undefined,
    events: Events,
  ): Promise<'written' | 'conflict'>;
  /**
   * Many customers' writes, each with its own condition, grouped into as few requests as the
   * store allows; one outcome per write, in order. A group with a conflict is written again one
   * customer at a time, so each write still succeeds or conflicts on its own.
   */
  writeMany(writes: readonly ValueWrite[]): Promise<('written' | 'conflict')[]>;
  reread(customerId: string): Promise<ScannedCustomer | undefined>;
}

export interface ValueWrite {
  readonly customerId: string;
  readonly next: ValueState;
  readonly readRevision: number | undefined;
  readonly events: Events;
}

export interface TierRunRecord {
  readonly runId: string;
  readonly asOf: string;
  readonly status: 'running' | 'completed';
  readonly attempt: number;
  readonly segments: number;
  readonly trigger: string;
  readonly startedAt: string;
  readonly plan?: unknown;
  readonly summary?: unknown;
  readonly finishedAt?: string;
}

export type StartOutcome = {
  readonly outcome: 'started' | 'restarted' | 'already-completed';
  readonly run: TierRunRecord;
};

/** The run's record and the parts its passes leave for the next step. */
export interface TierRunStore {
  start(
    request: Pick<TierRunRecord, 'runId' | 'asOf' | 'segments' | 'trigger'>,
    now: Date,
  ): Promise<StartOutcome>;
  get(runId: string): Promise<TierRunRecord | undefined>;
  setPlan(runId: string, attempt: number, plan: unknown): Promise<void>;
  complete(runId: string, attempt: number, summary: unknown, now: Date): Promise<void>;
  /** Keeps a part; one with `expiresAt` is removed some time after it (the table's TTL). */
  putPart(
    runId: string,
    part: string,
    body: unknown,
    options?: { readonly expiresAt?: Date },
  ): Promise<void>;
  /** One part by its name, read consistently (it was just written by the step before). */
  part<T>(runId: string, part: string): Promise<T | undefined>;
  parts<T>(runId: string, prefix: string): Promise<T[]>;
}

/** What Step Functions' DescribeExecution tells of a run's execution. */
export interface TierExecution {
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
  readonly startedAt: string;
  readonly stoppedAt?: string;
  readonly output?: unknown;
  readonly error?: { readonly error: string; readonly cause: string };
}

/** The tier workflow as the API sees it: start an execution by name, describe one. */
export interface TierWorkflow extends WorkflowStarter {
  describe(name: string): Promise<TierExecution | undefined>;
}
