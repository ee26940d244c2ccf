import {
  ConflictException,
  CreateScheduleCommand,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { ActionScheduler, ScheduleRequest } from '../../../core/ports.ts';

export interface EventBridgeSchedulerOptions {
  readonly groupName: string;
  readonly targetArn: string;
  readonly roleArn: string;
  readonly deadLetterArn: string;
  readonly flexibleWindowMinutes: number;
}

/**
 * One one-time `at()` schedule per planned action, in the customer's own zone, deleted by the
 * service once it has fired. The name is the schedule id, so asking twice answers `exists`.
 */
export class EventBridgeActionScheduler implements ActionScheduler {
  constructor(
    private readonly client: SchedulerClient,
    private readonly options: EventBridgeSchedulerOptions,
  ) {}

  async scheduleAt(request: ScheduleRequest): Promise<'created' | 'exists'> {
    const { options } = this;
    try {
      await this.client.send(
        new CreateScheduleCommand({
          Name: request.name,
          GroupName: options.groupName,
          ScheduleExpression: `at(${request.due.localDateTime})`,
          ScheduleExpressionTimezone: request.due.timeZone,
          FlexibleTimeWindow:
            options.flexibleWindowMinutes > 0
              ? { Mode: 'FLEXIBLE', MaximumWindowInMinutes: options.flexibleWindowMinutes }
              : { Mode: 'OFF' },
          ActionAfterCompletion: 'DELETE',
          Target: {
            Arn: options.targetArn,
            RoleArn: options.roleArn,
            Input: JSON.stringify(request.payload),
            RetryPolicy: { MaximumEventAgeInSeconds: 24 * 3600, MaximumRetryAttempts: 10 },
            DeadLetterConfig: { Arn: options.deadLetterArn },
          },
        }),
      );
      return 'created';
    } catch (error) {
      if (error instanceof ConflictException) return 'exists';
      throw error;
    }
  }
}
