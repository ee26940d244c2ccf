import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import type { ComplaintCase, OpenCaseInput, Resolution } from '../../../core/complaints/case.ts';
import { intakeComplaint } from '../../../core/complaints/intake.ts';
import {
  type RecoveryMessage,
  RecoveryStep,
  runRecoveryStep,
} from '../../../core/complaints/recovery-steps.ts';
import { resolveComplaint } from '../../../core/complaints/resolve.ts';
import type { Tier } from '../../../core/customer/system-state.ts';
import { DynamoCaseStore } from '../../../functions/adapters/dynamodb/case-store.ts';
import { DynamoCustomerStore } from '../../../functions/adapters/dynamodb/customer-store.ts';
import { DynamoSystemStateStore } from '../../../functions/adapters/dynamodb/system-state-store.ts';
import { taskTokenKey } from '../../../functions/adapters/stepfunctions/workflow-tasks.ts';
import { complaintRecoveryDefinitionForLocal } from '../../../local/complaints/complaint-workflow.ts';
import { LocalWorkflowTasks } from '../../../local/local-workflows.ts';
import { LocalStepFunctions } from '../../../local/step-functions/local-step-functions.ts';
import { loadComplaintPolicy } from '../../../workflows/complaint-recovery/policy-loader.ts';
import type { freshTable } from '../../support/services.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
let machines = 0;

/**
 * The synthesized complaint recovery run by the local runner over DynamoDB Local, its waits on
 * this harness's clock. Messages the steps hand over are recorded (`sent`); a template listed in
 * `failing` throws, as a dispatcher outage would.
 */
export async function recoveryHarness(table: Awaited<ReturnType<typeof freshTable>>, start: Date) {
  let now = start.getTime();
  const clock = () => new Date(now);
  const policy = loadComplaintPolicy();
  const sent: RecoveryMessage[] = [];
  const failing = new Set<RecoveryMessage['template']>();
  const cases = new DynamoCaseStore(table.db, table.tableName);
  const tokens = new LocalWorkflowTasks(table.db, table.tableName);
  const name = `complaint-recovery-${++machines}`;
  const deps = {
    cases,
    policy,
    clock,
    send: async (message: RecoveryMessage) => {
      if (failing.has(message.template)) throw new Error(`${message.template} is down`);
      if (!sent.some((m) => m.messageId === message.messageId)) sent.push(message);
    },
    keepToken: async (caseId: string, token: string) => {
      await table.db.send(
        new PutCommand({
          TableName: table.tableName,
          Item: { ...taskTokenKey(caseId), taskToken: token },
        }),
      );
    },
    resume: (caseId: string, output: Record<string, unknown>) => tokens.resume(caseId, output),
  };
  const stepFunctions = new LocalStepFunctions({
    db: table.db,
    stateTable: table.tableName,
    clock,
    tokens,
    functions: {
      'complaint-steps': (event: unknown) => runRecoveryStep(deps, RecoveryStep.parse(event)),
    },
  });
  const machine = await stepFunctions.add(name, complaintRecoveryDefinitionForLocal());
  const finished = new Set<string>();

  const open = async (input: OpenCaseInput, tier?: Tier) => {
    const customer = { id: input.customerId, holds: { openCases: [] }, ...(tier ? { tier } : {}) };
    const result = await intakeComplaint(
      {
        cases,
        policy,
        clock,
        systemState: new DynamoSystemStateStore(table.db, table.tableName),
        startRecovery: async (c: ComplaintCase) => {
          await machine.start(c.caseId, { caseId: c.caseId });
          void machine.result(c.caseId).then(() => finished.add(c.caseId));
        },
      },
      customer,
      input,
    );
    return result.case.caseId;
  };

  /** Moves the clock to `at`, firing each timer on the way once the workflow has set it. */
  const advanceTo = async (at: number, caseId: string) => {
    for (;;) {
      await until(() => stepFunctions.timers.pending().length > 0 || finished.has(caseId));
      const next = stepFunctions.timers.pending()[0];
      if (next === undefined || next > at) break;
      now = Math.max(now, next);
      stepFunctions.fireDue(clock());
    }
    now = Math.max(now, at);
  };

  const resolve = (caseId: string, resolution: Resolution) =>
    resolveComplaint(
      {
        cases,
        workflows: tokens,
        clock,
        customers: new DynamoCustomerStore(table.db, table.tableName),
        systemState: new DynamoSystemStateStore(table.db, table.tableName),
      },
      caseId,
      resolution,
    );

  return {
    sent,
    failing,
    cases,
    machine,
    open,
    resolve,
    advanceTo,
    now: () => now,
    until,
    history: async (caseId: string) =>
      ((await cases.get(caseId))?.history ?? []).map((entry) => entry.kind),
  };
}

/** Waits for the runner's background work to reach a state (a condition, not a deadline). */
export async function until(condition: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 1000 && !(await condition()); i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect(await condition()).toBe(true);
}
