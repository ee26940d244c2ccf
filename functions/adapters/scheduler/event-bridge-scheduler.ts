import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { ActionScheduler, ScheduleRequest } from '../../../core/ports.ts';

export interface EventBridgeSchedulerOptions {
  readonly groupName: string;
  /** The dispatch queue every schedule sends its wake-up to. */
  readonly queueArn: string;
  readonly roleArn: string;
  readonly deadLetterArn: string;
  readonly flexibleWindowMinutes: number;
}

/**
 * One one-time `at()` schedule per planned action, in the customer's own zone, deleted by the
 * service once it has fired. The name is the schedule id, so asking twice answers `exists`. The
 * target is the dispatch queue, not the dispatcher: the 10:00 rush of every zone is smoothed there.
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
            Arn: options.queueArn,
            RoleArn: options.roleArn,
            Input: JSON.stringify(request.wake),
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

  async cancel(name: string): Promise<'cancelled' | 'not-found'> {
    try {
      await this.client.send(
        new DeleteScheduleCommand({ Name: name, GroupName: this.options.groupName }),
      );
      return 'cancelled';
    } catch (error) {
      if (error instanceof ResourceNotFoundException) return 'not-found';
      throw error;
    }
  }
}
