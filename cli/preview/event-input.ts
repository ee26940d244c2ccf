import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type DomainEvent,
  DomainEvent as DomainEventSchema,
  eventDefinition,
} from '../../core/events/registry.ts';
import { UsageError } from '../args.ts';

/**
 * The triggering event: from --event-file (a whole event, or only its `data`), else the event
 * registry's sample for the trigger, made the customer's and happening now.
 */
export function previewEvent(
  trigger: string,
  customerId: string,
  now: Date,
  file: string | undefined,
  cwd: string,
): { event: DomainEvent; from: string } {
  const definition = eventDefinition(trigger);
  if (!definition) throw new UsageError(`unknown event type '${trigger}'`);
  let candidate: Record<string, unknown>;
  let from: string;
  if (file) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(readFileSync(resolve(cwd, file), 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(
        `--event-file ${file}: ${error instanceof Error ? error.message : error}`,
      );
    }
    candidate =
      'type' in json && 'data' in json
        ? { id: `${trigger}:preview`, occurredAt: now.toISOString(), ...json }
        : { id: `${trigger}:preview`, type: trigger, occurredAt: now.toISOString(), data: json };
    from = file;
  } else {
    const sample = structuredClone(definition.sample) as Record<string, unknown>;
    sample.customerId = customerId;
    const interaction = sample.interaction as Record<string, unknown> | undefined;
    if (interaction) {
      interaction.customerId = customerId;
      interaction.occurredAt = now.toISOString();
      interaction.recordedAt = now.toISOString();
    }
    candidate = {
      id: `${trigger}:preview`,
      type: trigger,
      occurredAt: now.toISOString(),
      data: sample,
    };
    from = `the sample ${trigger} event (docs/events.md), now`;
  }
  const result = DomainEventSchema.safeParse(candidate);
  if (!result.success) {
    const issues = result.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new UsageError(`the event is not a valid ${String(candidate.type)}: ${issues}`);
  }
  if (result.data.type !== trigger) {
    throw new UsageError(
      `the event is a ${result.data.type}, but the automation is triggered by ${trigger}`,
    );
  }
  return { event: result.data, from };
}
