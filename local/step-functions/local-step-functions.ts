import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import type { Clock, WorkflowStarter } from '../../core/ports.ts';
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

  /**
   * Resolves once no execution is running a step (each is parked on a Wait or a token, or done):
   * what the local clock waits for before it moves on. True when any execution moved meanwhile.
   */
  private settledAt = -1;

  async settle(): Promise<boolean> {
    const moves = () => [...this.machines.values()].reduce((sum, m) => sum + m.activity.moves, 0);
    const busy = () => [...this.machines.values()].some((m) => m.activity.busy);
    // Nothing ran since the last settle (the usual case): no pause at all.
    if (!busy() && moves() === this.settledAt) return false;
    const start = this.settledAt;
    for (;;) {
      const before = moves();
      // A quiet pause, not a deadline: the continuation of a woken execution runs before it ends.
      await new Promise((resolve) => setTimeout(resolve, busy() ? 5 : 15));
      if (!busy() && moves() === before) {
        this.settledAt = before;
        return before !== start;
      }
    }
  }

  nextDueAt(): string | undefined {
    const next = this.timers.nextDueAt();
    return next === undefined ? undefined : new Date(next).toISOString();
  }

  fireDue(now: Date): number {
    return this.timers.fireDue(now.getTime());
  }
}
