import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import type { Clock } from '../../core/ports.ts';
import type { WorkflowStarter } from '../../core/tiers/ports.ts';
import type { LocalWorkflowTasks } from '../local-workflows.ts';
import { ClockTimers } from './clock-timers.ts';
import { LocalExecutionStore } from './executions.ts';
import { type LocalHandler, LocalStateMachine } from './local-state-machine.ts';

export interface LocalStepFunctionsParts {
  readonly db: DynamoDBDocumentClient;
  /** The local runtime's own table (executions are kept there). */
  readonly stateTable: string;
  readonly clock: Clock;
  readonly tokens: LocalWorkflowTasks;
  /** The registry's handlers, by function name. */
  readonly functions: Readonly<Record<string, LocalHandler>>;
}

/**
 * Every local state machine of the runtime, with the one set of clock timers the runtime fires as
 * it moves time (`nextDueAt`, `fireDue`, beside its scheduler and queue).
 */
export class LocalStepFunctions {
  readonly timers = new ClockTimers();
  private readonly executions: LocalExecutionStore;
  private readonly machines = new Map<string, LocalStateMachine>();

  constructor(private readonly parts: LocalStepFunctionsParts) {
    this.executions = new LocalExecutionStore(parts.db, parts.stateTable);
  }

  /** Adds a machine and re-runs the executions a previous runtime left running. */
  async add(name: string, definition: StateMachineDefinition): Promise<LocalStateMachine> {
    const machine = new LocalStateMachine({
      name,
      definition,
      functions: this.parts.functions,
      clock: this.parts.clock,
      timers: this.timers,
      tokens: this.parts.tokens,
      executions: this.executions,
    });
    this.machines.set(name, machine);
    await machine.resumeRunning();
    return machine;
  }

  machine(name: string): LocalStateMachine {
    const machine = this.machines.get(name);
    if (!machine) throw new Error(`no local state machine '${name}'`);
    return machine;
  }

  /** StartExecution on a local machine, behind the port the AWS adapter implements. */
  starter(name: string): WorkflowStarter {
    return { start: (execution, input) => this.machine(name).start(execution, input) };
  }

  nextDueAt(): string | undefined {
    const next = this.timers.nextDueAt();
    return next === undefined ? undefined : new Date(next).toISOString();
  }

  fireDue(now: Date): number {
    return this.timers.fireDue(now.getTime());
  }
}
