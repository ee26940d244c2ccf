import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import type { TierExecution, TierWorkflow } from '../../../core/tiers/ports.ts';

/** An execution's ARN from its machine's and its name (the form Step Functions gives it). */
export const executionArn = (stateMachineArn: string, name: string) =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

/**
 * A state machine on Step Functions (tier runs, complaint recoveries). Executions are named after
 * their run or case: StartExecution with a name already used (within 90 days) is the same one.
 */
export class StepFunctionsWorkflow implements TierWorkflow {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(name: string, input: Record<string, unknown>): Promise<'started' | 'exists'> {
    try {
      await this.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name,
          input: JSON.stringify(input),
        }),
      );
      return 'started';
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return 'exists';
      throw error;
    }
  }

  async describe(name: string): Promise<TierExecution | undefined> {
    try {
      const out = await this.sfn.send(
        new DescribeExecutionCommand({ executionArn: executionArn(this.stateMachineArn, name) }),
      );
      return {
        status: (out.status ?? 'RUNNING') as TierExecution['status'],
        startedAt: (out.startDate ?? new Date(0)).toISOString(),
        ...(out.stopDate ? { stoppedAt: out.stopDate.toISOString() } : {}),
        ...(out.output ? { output: JSON.parse(out.output) as unknown } : {}),
        ...(out.error ? { error: { error: out.error, cause: out.cause ?? '' } } : {}),
      };
    } catch (error) {
      if (error instanceof ExecutionDoesNotExist) return undefined;
      throw error;
    }
  }
}
