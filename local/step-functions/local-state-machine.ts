import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { Clock } from '../../core/ports.ts';
import { lambdaContext } from '../lambda-context.ts';
import type { LocalWorkflowTasks } from '../local-workflows.ts';
import type { ClockTimers } from './clock-timers.ts';
import type { ExecutionRecord, LocalExecutionStore } from './executions.ts';
import { allStates, forLocalClock, LOCAL_WAIT_RESOURCE } from './rewrite.ts';
import { localFunctionArn } from './synthesize.ts';

/** A Lambda handler as the registry builds it: (event, context) => result. */
// biome-ignore lint/suspicious/noExplicitAny: handlers of every function type are wired here.
export type LocalHandler = (event: any, context: any) => Promise<unknown>;

export interface LocalStateMachineParts {
  /** The state machine's name (executions are keyed by it and their own name). */
  readonly name: string;
  /** The CDK-synthesized definition (synthesize.ts). */
  readonly definition: StateMachineDefinition;
  /** The registry's handlers by function name: the Lambda tasks of the definition call these. */
  readonly functions: Readonly<Record<string, LocalHandler>>;
  readonly clock: Clock;
  readonly timers: ClockTimers;
  /** Where `.waitForTaskToken` tasks wait to be resumed (`WorkflowTasks.resume`). */
  readonly tokens: LocalWorkflowTasks;
  readonly executions: LocalExecutionStore;
}

/** Stands for `$$.Task.Token` in the run's context; each waiting task gets its own token. */
const TOKEN_PLACEHOLDER = 'LOCAL-TASK-TOKEN-PLACEHOLDER';

/**
 * Step Functions, locally: aws-local-stepfunctions runs the definition; every Task is overridden
 * by state name with the registry's handler of the function it names; Waits and task timeouts run
 * on the local clock; `.waitForTaskToken` tasks invoke their function with a fresh token and wait
 * until `LocalWorkflowTasks.resume` hands them a result (the AWS path: the token item in the table).
 */
export class LocalStateMachine {
  private readonly machine: StateMachine;
  private readonly handlers: Record<string, (input: unknown) => Promise<never>> = {};
  private readonly done = new Map<string, Promise<ExecutionRecord>>();
  private tokenCount = 0;

  constructor(private readonly parts: LocalStateMachineParts) {
    const local = forLocalClock(parts.definition);
    this.machine = new StateMachine(local.definition, {
      validationOptions: { checkArn: false, checkPaths: false },
    });
    for (const [stateName, state] of allStates(local.definition)) {
      if (state.Type !== 'Task') continue;
      const wait = local.waits.get(stateName);
      this.handlers[stateName] = (
        wait
          ? (input: unknown) => this.waitOnClock(wait, input)
          : this.taskHandler(stateName, String(state.Resource), local.timeouts.get(stateName))
      ) as never;
    }
  }

  /** StartExecution: a name already used answers `exists` and does not run again. */
  async start(name: string, input: unknown): Promise<'started' | 'exists'> {
    const record: ExecutionRecord = {
      machine: this.parts.name,
      name,
      input,
      status: 'RUNNING',
      startedAt: this.parts.clock().toISOString(),
    };
    const created = await this.parts.executions.create(record);
    if (created !== 'created') return 'exists';
    this.run(record);
    return 'started';
  }

  /** Runs again, from the start, every execution a previous runtime left running. */
  async resumeRunning(): Promise<number> {
    const running = await this.parts.executions.running(this.parts.name);
    for (const record of running) this.run(record);
    return running.length;
  }

  /** The execution's end (or its record, if it ended before this runtime started). */
  async result(name: string): Promise<ExecutionRecord | undefined> {
    return (await this.done.get(name)) ?? this.parts.executions.get(this.parts.name, name);
  }

  /** DescribeExecution: the stored record, as Step Functions keeps it after the execution ends. */
  describe(name: string): Promise<ExecutionRecord | undefined> {
    return this.parts.executions.get(this.parts.name, name);
  }

  private run(record: ExecutionRecord): void {
    const execution = this.machine.run(record.input as never, {
      overrides: {
        taskResourceLocalHandlers: this.handlers as never,
        // Retries happen at once locally; their number and errors are the definition's.
        retryIntervalOverrides: Object.fromEntries(Object.keys(this.handlers).map((n) => [n, 10])),
      },
      context: {
        Execution: { Input: record.input as never, StartTime: record.startedAt, Name: record.name },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    const stop = (outcome: Pick<ExecutionRecord, 'status' | 'output' | 'error'>) => {
      const stopped = { ...outcome, stoppedAt: this.parts.clock().toISOString() };
      return this.parts.executions
        .stop(this.parts.name, record.name, stopped)
        .then(() => ({ ...record, ...stopped }));
    };
    this.done.set(
      record.name,
      execution.result.then(
        (output) => stop({ status: 'SUCCEEDED', output }),
        (error: unknown) => {
          const cause = (error as { cause?: unknown }).cause;
          const named = cause instanceof Error ? cause : (error as Error);
          return stop({ status: 'FAILED', error: { error: named.name, cause: named.message } });
        },
      ),
    );
  }

  private taskHandler(stateName: string, resource: string, timeoutSeconds: number | undefined) {
    const waitsForToken = resource.endsWith('.waitForTaskToken');
    return async (input: unknown) => {
      const invoke = async (payload: unknown) => {
        const { functionName, event, envelope } = this.target(stateName, resource, payload);
        const handler = this.parts.functions[functionName];
        if (!handler)
          throw new Error(`state ${stateName}: no local handler for function '${functionName}'`);
        const result = await handler(event, lambdaContext(`rapport-${functionName}`));
        return envelope ? { Payload: result, StatusCode: 200 } : result;
      };
      if (!waitsForToken) return this.withClockTimeout(invoke(input), timeoutSeconds);
      const token = `${this.parts.name}:${stateName}:${++this.tokenCount}:${this.parts.clock().getTime()}`;
      const resumed = new Promise((resolve) => this.parts.tokens.register(token, resolve));
      await invoke(replaceDeep(input, TOKEN_PLACEHOLDER, token));
      return this.withClockTimeout(resumed, timeoutSeconds);
    };
  }

  /** Which function a Task calls: its Resource (payload-only) or its FunctionName (lambda:invoke). */
  private target(stateName: string, resource: string, payload: unknown) {
    const named = (arn: string) => arn.replace(localFunctionArn(''), '').split(':')[0] ?? '';
    if (resource.startsWith(localFunctionArn(''))) {
      return { functionName: named(resource), event: payload, envelope: false };
    }
    if (resource.startsWith('arn:aws:states:::lambda:invoke')) {
      const { FunctionName, Payload } = payload as { FunctionName: string; Payload: unknown };
      return {
        functionName: named(String(FunctionName)),
        event: Payload,
        envelope: !resource.endsWith('.waitForTaskToken'),
      };
    }
    throw new Error(`state ${stateName}: only Lambda tasks run locally (Resource ${resource})`);
  }

  private withClockTimeout<T>(work: Promise<T>, seconds: number | undefined): Promise<T> {
    if (seconds === undefined) return work;
    return new Promise<T>((resolve, reject) => {
      const cancel = this.parts.timers.at(this.parts.clock().getTime() + seconds * 1000, () => {
        reject(
          Object.assign(new Error(`timed out after ${seconds} s`), { name: 'States.Timeout' }),
        );
      });
      work.then(
        (value) => {
          cancel();
          resolve(value);
        },
        (error: unknown) => {
          cancel();
          reject(error);
        },
      );
    });
  }

  private waitOnClock(wait: Record<string, unknown>, input: unknown): Promise<unknown> {
    const now = this.parts.clock().getTime();
    const at = (path: unknown) => readPath(input, String(path));
    const dueAt =
      typeof wait.Seconds === 'number'
        ? now + wait.Seconds * 1000
        : typeof wait.Timestamp === 'string'
          ? Date.parse(wait.Timestamp)
          : wait.SecondsPath !== undefined
            ? now + Number(at(wait.SecondsPath)) * 1000
            : Date.parse(String(at(wait.TimestampPath)));
    return new Promise((resolve) => this.parts.timers.at(dueAt, () => resolve(input)));
  }
}

/** `$.a.b` paths, the form Wait states use. */
function readPath(input: unknown, path: string): unknown {
  return path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean)
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], input);
}

function replaceDeep(value: unknown, from: string, to: string): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => replaceDeep(v, from, to));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceDeep(v, from, to)]));
  }
  return value;
}

export { LOCAL_WAIT_RESOURCE };
