import { awsEventBridge } from '../shared/aws/event-bridge.ts';
import { readConfig } from '../shared/config.ts';
import { eventPublisher } from './definition.ts';

export const handler = eventPublisher.create(readConfig(eventPublisher.config), {
  eventBridge: awsEventBridge,
});
