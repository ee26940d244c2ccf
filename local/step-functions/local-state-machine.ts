import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { Clock } from '../../core/ports.ts';
import { lambdaContext } from '../lambda-context.ts';
import type { LocalWorkflowTasks } from '../local-workflows.ts';
import type { ClockTimers } from './clock-timers.ts';
import type { ExecutionRecord, LocalExecutionStore } from './executions.ts';
import { ExecutionJournal } from './journal.ts';
import { allStates, forLocalClock, LOCAL_TIMEOUT_KEY, LOCAL_WAIT_RESOURCE } from './rewrite.ts';
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
  private readonly local: ReturnType<typeof forLocalClock>;
  private readonly done = new Map<string, Promise<ExecutionRecord>>();
  /** Executions running a step now (not parked on a Wait or a token): see `activity`. */
  private active = 0;
  /** Bumped whenever an execution starts, parks, wakes or stops. */
  private moves = 0;

  /** Whether any execution is between two parked points, and a counter of its movements. */
  get activity(): { readonly busy: boolean; readonly moves: number } {
    return { busy: this.active > 0, moves: this.moves };
  }

  constructor(private readonly parts: LocalStateMachineParts) {
    this.local = forLocalClock(parts.definition);
    this.machine = new StateMachine(this.local.definition, {
      validationOptions: { checkArn: false, checkPaths: false },
    });
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
    this.done.set(name, this.run(record));
    return 'started';
  }

  /**
   * Picks up every execution a previous runtime left running: it runs again from the start, but
   * each step it had finished returns its recorded result, a Wait keeps its due time and a waiting
   * token task keeps its token (journal.ts), so a case waiting for its resolution still waits.
   */
  async resumeRunning(): Promise<number> {
    const running = await this.parts.executions.running(this.parts.name);
    for (const record of running) this.done.set(record.name, this.run(record));
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

  private async run(record: ExecutionRecord): Promise<ExecutionRecord> {
    this.active++;
    this.moves++;
    try {
      return await this.execute(record);
    } finally {
      this.active--;
      this.moves++;
    }
  }

  /** Waits on the clock or a token count as idle: the local clock's `settle` does not wait for them. */
  private async parked<T>(work: Promise<T>): Promise<T> {
    this.active--;
    this.moves++;
    try {
      return await work;
    } finally {
      this.active++;
      this.moves++;
    }
  }

  private async execute(record: ExecutionRecord): Promise<ExecutionRecord> {
    const { executions, name: machine } = this.parts;
    const journal = new ExecutionJournal(
      await executions.steps(machine, record.name),
      (step, entry) => executions.saveStep(machine, record.name, step, entry),
    );
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [stateName, state] of allStates(this.local.definition)) {
      if (state.Type !== 'Task') continue;
      const wait = this.local.waits.get(stateName);
      handlers[stateName] = wait
        ? (input) => this.waitOnClock(journal, stateName, wait, input)
        : this.taskHandler(journal, record.name, stateName, String(state.Resource));
    }
    const execution = this.machine.run(record.input as never, {
      overrides: {
        taskResourceLocalHandlers: handlers as never,
        // Retries happen at once locally; their number and errors are the definition's.
        retryIntervalOverrides: Object.fromEntries(Object.keys(handlers).map((n) => [n, 10])),
      },
      context: {
        Execution: { Input: record.input as never, StartTime: record.startedAt, Name: record.name },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    const stop = (outcome: Pick<ExecutionRecord, 'status' | 'output' | 'error'>) => {
      const stopped = { ...outcome, stoppedAt: this.parts.clock().toISOString() };
      return executions.stop(machine, record.name, stopped).then(() => ({ ...record, ...stopped }));
    };
    return execution.result.then(
      (output) => stop({ status: 'SUCCEEDED', output }),
      (error: unknown) => {
        const cause = (error as { cause?: unknown }).cause;
        const named = cause instanceof Error ? cause : (error as Error);
        return stop({ status: 'FAILED', error: { error: named.name, cause: named.message } });
      },
    );
  }

  private taskHandler(
    journal: ExecutionJournal,
    execution: string,
    stateName: string,
    resource: string,
  ) {
    const waitsForToken = resource.endsWith('.waitForTaskToken');
    const timeout = this.local.timeouts.get(stateName);
    return async (stateInput: unknown) => {
      let input = stateInput;
      const step = journal.key(stateName, input);
      const entry = journal.get(step);
      if (entry?.kind === 'done') {
        await journal.done(step, entry.result);
        return entry.result;
      }
      const seconds = typeof timeout === 'string' ? Number(readPath(input, timeout)) : timeout;
      if (input && typeof input === 'object' && LOCAL_TIMEOUT_KEY in input) {
        const { [LOCAL_TIMEOUT_KEY]: _timeout, ...parameters } = input as Record<string, unknown>;
        input = parameters;
      }
      const invoke = async (payload: unknown) => {
        const { functionName, event, envelope } = this.target(stateName, resource, payload);
        const handler = this.parts.functions[functionName];
        if (!handler)
          throw new Error(`state ${stateName}: no local handler for function '${functionName}'`);
        const result = await handler(event, lambdaContext(`rapport-${functionName}`));
        return envelope ? { Payload: result, StatusCode: 200 } : result;
      };
      let result: unknown;
      if (!waitsForToken) {
        const now = this.parts.clock().getTime();
        result = await this.withClockTimeout(invoke(input), seconds, now);
      } else {
        // The same token on a replay: the one the function stored before a restart still resumes.
        const token = `${this.parts.name}:${execution}:${step}`;
        const resumed = new Promise((resolve) => this.parts.tokens.register(token, resolve));
        let since = entry?.since;
        if (since === undefined) {
          since = this.parts.clock().getTime();
          await invoke(replaceDeep(input, TOKEN_PLACEHOLDER, token));
          await journal.waiting(step, { since });
        }
        result = await this.parked(this.withClockTimeout(resumed, seconds, since));
      }
      await journal.done(step, result);
      return result;
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

  /** Fails `work` with States.Timeout once the local clock passes `since` + `seconds`. */
  private withClockTimeout<T>(work: Promise<T>, seconds: number | undefined, since: number) {
    if (seconds === undefined) return work;
    return new Promise<T>((resolve, reject) => {
      const cancel = this.parts.timers.at(since + seconds * 1000, () => {
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

  private async waitOnClock(
    journal: ExecutionJournal,
    stateName: string,
    wait: Record<string, unknown>,
    input: unknown,
  ): Promise<unknown> {
    const step = journal.key(stateName, input);
    const entry = journal.get(step);
    if (entry?.kind !== 'done') {
      const now = this.parts.clock().getTime();
      const at = (path: unknown) => readPath(input, String(path));
      // A replayed Wait keeps the due time it had: a restart does not make it wait longer.
      const dueAt =
        entry?.dueAt ??
        (typeof wait.Seconds === 'number'
          ? now + wait.Seconds * 1000
          : typeof wait.Timestamp === 'string'
            ? Date.parse(wait.Timestamp)
            : wait.SecondsPath !== undefined
              ? now + Number(at(wait.SecondsPath)) * 1000
              : Date.parse(String(at(wait.TimestampPath))));
      if (!entry) await journal.waiting(step, { since: now, dueAt });
      if (dueAt > now)
        await this.parked(
          new Promise<void>((resolve) => this.parts.timers.at(dueAt, () => resolve())),
        );
    }
    await journal.done(step, null);
    return input;
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
