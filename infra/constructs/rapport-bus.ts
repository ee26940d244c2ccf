import { Duration } from 'aws-cdk-lib';
import { type Archive, EventBus } from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '../../core/events/registry.ts';

export interface RapportBusProps {
  /** How long published events stay replayable. @default Duration.days(30) */
  readonly archiveRetention?: Duration;
}

/**
 * The custom bus for Rapport's domain events. Every event is archived, so after a bug fix in the
 * engine the affected window can be replayed; the handlers are idempotent, which makes a replay
 * safe.
 */
export class RapportBus extends Construct {
  public readonly eventBus: EventBus;
  public readonly archive: Archive;

  constructor(scope: Construct, id: string, props: RapportBusProps = {}) {
    super(scope, id);
    this.eventBus = new EventBus(this, 'Bus', {
      description: 'Rapport domain events (customer, interaction, consent, message)',
    });
    this.archive = this.eventBus.archive('Archive', {
      description: 'Replay source for Rapport domain events',
      eventPattern: { source: [EVENT_SOURCE] },
      retention: props.archiveRetention ?? Duration.days(30),
    });
  }
}
