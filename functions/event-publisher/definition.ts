import { EventBridgeBus } from '../adapters/eventbridge/event-bridge-bus.ts';
import { defineFunction, type Platform } from '../shared/platform.ts';
import { createEventPublisherHandler } from './app.ts';
import { PublisherConfig } from './config.ts';

export const eventPublisher = defineFunction({
  name: 'event-publisher',
  description: "Rapport outbox publisher: the table's stream of event items to EventBridge",
  config: PublisherConfig,
  tableActions: [],
  create: (config: PublisherConfig, platform: Pick<Platform, 'eventBridge'>) =>
    createEventPublisherHandler({
      bus: new EventBridgeBus(platform.eventBridge(), config.RAPPORT_EVENT_BUS_NAME),
    }),
});
