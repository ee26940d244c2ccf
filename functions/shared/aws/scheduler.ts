import { SchedulerClient } from '@aws-sdk/client-scheduler';
import {
  EventBridgeActionScheduler,
  type EventBridgeSchedulerOptions,
} from '../../adapters/scheduler/event-bridge-scheduler.ts';
import { CLIENT_CONFIG, once } from './client-config.ts';

const client = once(() => new SchedulerClient(CLIENT_CONFIG));

export const awsScheduler = (options: EventBridgeSchedulerOptions) =>
  new EventBridgeActionScheduler(client(), options);
