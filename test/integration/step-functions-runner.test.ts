import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskTokenKey } from '../../functions/adapters/stepfunctions/workflow-tasks.ts';
import { LocalWorkflowTasks } from '../../local/local-workflows.ts';
import { LocalStepFunctions } from '../../local/step-functions/local-step-functions.ts';
import { localFunctionArn } from '../../local/step-functions/synthesize.ts';
import { freshTable } from '../support/services.ts';

const HOUR = 3600_000;

/** Wait an hour, then ask a person (a token task the resolver resumes, a day to answer), then end. */
const definition: StateMachineDefinition = {
  StartAt: 'WaitAnHour',
  States: {
    WaitAnHour: { Type: 'Wait', Seconds: 3600, Next: 'AskPerson' },
    AskPerson: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: localFunctionArn('keep-token'),
        Payload: { 'ref.$': '$.ref', 'token.$': '$$.Task.Token' },
      },
      TimeoutSecondsPath: '$.answerWithinSeconds',
      ResultPath: '$.answer',
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
} as unknown as StateMachineDefinition;

describe('the local Step Functions runner', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let now = Date.parse('2026-11-23T09:00:00Z');
  const asked: string[] = [];

  beforeAll(async () => {
    table = await freshTable('sfn');
  });
  afterAll(() => table.db.destroy());

  /** One runtime: a restart is a new one over the same table, as `npm start` after a stop. */
  async function runtime() {
    const tokens = new LocalWorkflowTasks(table.db, table.tableName);
    const stepFunctions = new LocalStepFunctions({
      db: table.db,
      stateTable: table.tableName,
      clock: () => new Date(now),
      tokens,
      functions: {
        // Stores its token where the resolver looks (the AWS path: the case's token item).
        'keep-token': async ({ ref, token }: { ref: string; token: string }) => {
          await table.db.send(
            new PutCommand({
              TableName: table.tableName,
              Item: { ...taskTokenKey(ref), taskToken: token },
            }),
          );
          asked.push(ref);
        },
      },
    });
    const machine = await stepFunctions.add('ask', definition);
    const advance = async (ms: number) => {
      // Work already under way registers its timers before time moves.
      await settle();
      now += ms;
      stepFunctions.fireDue(new Date(now));
      await settle();
    };
    /** Until the runner waits on the clock for `dueAt` (a Wait or a task's timeout). */
    const timerAt = (dueAt: number) => until(() => stepFunctions.timers.pending().includes(dueAt));
    return { tokens, stepFunctions, machine, advance, timerAt };
  }

  it('releases a Wait when the local clock reaches it, then hands the token task its token', async () => {
    const { machine, advance, timerAt } = await runtime();
    await machine.start('released', { ref: 'released', answerWithinSeconds: 86_400 });
    await timerAt(now + HOUR);
    await advance(HOUR - 1000);
    expect(asked).not.toContain('released');

    await advance(1000);

    await until(() => asked.includes('released'));
    expect((await machine.describe('released'))?.status).toBe('RUNNING');
  });

  it('continues the execution with the output a resume hands to the waiting token', async () => {
    const { machine, tokens, advance, timerAt } = await runtime();
    await machine.start('resumed', { ref: 'resumed', answerWithinSeconds: 86_400 });
    await timerAt(now + HOUR);
    await advance(HOUR);
    await until(() => asked.includes('resumed'));

    expect(await tokens.resume('resumed', { verdict: 'fixed' })).toBe('resumed');

    const result = await machine.result('resumed');
    expect(result?.status).toBe('SUCCEEDED');
    expect(result?.output).toMatchObject({ answer: { verdict: 'fixed' } });
    expect(await tokens.resume('resumed', { verdict: 'again' })).toBe('not-waiting');
  });

  it('fails the token task with States.Timeout when its timeout passes on the local clock', async () => {
    const { machine, advance, timerAt } = await runtime();
    await machine.start('timed-out', { ref: 'timed-out', answerWithinSeconds: 7200 });
    await timerAt(now + HOUR);
    await advance(HOUR);
    await timerAt(now + 2 * HOUR);
    await advance(HOUR);
    expect((await machine.describe('timed-out'))?.status).toBe('RUNNING');

    await advance(HOUR);

    const result = await machine.result('timed-out');
    expect(result?.status).toBe('FAILED');
    expect(result?.error?.error).toBe('States.Timeout');
  });

  it('starts a name once: a second start with the same name does not run again', async () => {
    const { machine } = await runtime();
    expect(await machine.start('once', { ref: 'once', answerWithinSeconds: 60 })).toBe('started');
    expect(await machine.start('once', { ref: 'other', answerWithinSeconds: 60 })).toBe('exists');
  });

  it('keeps a waiting token across a restart of the runtime, and its timeout too', async () => {
    const before = await runtime();
    await before.machine.start('restarted', { ref: 'restarted', answerWithinSeconds: 86_400 });
    await before.timerAt(now + HOUR);
    await before.advance(HOUR);
    await before.timerAt(now + 24 * HOUR);
    const askedBefore = asked.filter((ref) => ref === 'restarted').length;

    const after = await runtime();
    // The replayed token task waits again, with the deadline it had.
    await after.timerAt(now + 24 * HOUR);

    // The replay neither waits the hour again nor asks the person a second time.
    expect(asked.filter((ref) => ref === 'restarted')).toHaveLength(askedBefore);
    expect(await after.tokens.resume('restarted', { verdict: 'after restart' })).toBe('resumed');
    const result = await after.machine.result('restarted');
    expect(result?.status).toBe('SUCCEEDED');
    expect(result?.output).toMatchObject({ answer: { verdict: 'after restart' } });
  });

  it('times a replayed token task out from when it first started waiting', async () => {
    const before = await runtime();
    await before.machine.start('late', { ref: 'late', answerWithinSeconds: 7200 });
    await before.timerAt(now + HOUR);
    await before.advance(HOUR);
    const deadline = now + 2 * HOUR;
    await before.timerAt(deadline);
    await before.advance(HOUR);

    const after = await runtime();
    await after.timerAt(deadline);
    await after.advance(HOUR);

    const result = await after.machine.result('late');
    expect(result?.status).toBe('FAILED');
    expect(result?.error?.error).toBe('States.Timeout');
  });
});

/** Lets the runner's promise chains and DynamoDB Local round trips move on. */
async function settle() {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Waits for work the runner does in the background (no deadline assertion: a condition). */
async function until(condition: () => boolean) {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}
