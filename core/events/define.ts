import * as z from 'zod';

/** What a trigger summary may depend on besides the event: the customer's language and zone. */
export interface SummaryContext {
  readonly locale: string;
  readonly timeZone: string;
}

/**
 * Everything Rapport knows about one event type, declared once: the bus rule, the local bus, the
 * catalog's validation of automations and templates, and the events table in docs/events.md all
 * derive from these definitions.
 */
export interface EventDefinition<T extends string = string, D extends z.ZodType = z.ZodType> {
  readonly type: T;
  /** One sentence for the docs: when the event happens. */
  readonly description: string;
  readonly data: D;
  /** Whether automations may be triggered by it (the bus rule routes exactly these to the engine). */
  readonly trigger: boolean;
  /**
   * Facts conditions may read besides `event` (the envelope) and `customer` (e.g. `interaction`
   * for `interaction.recorded`). Only trigger events need it.
   */
  readonly facts?: (data: z.output<D>) => Record<string, unknown>;
  /**
   * What a message may mention as `trigger.*`, frozen when the action is planned (the message goes
   * out later; the event is not re-read). Dates pre-formatted in the customer's zone and language.
   */
  readonly summary?: (data: z.output<D>, context: SummaryContext) => Record<string, unknown>;
  /** A realistic `data`, checked against the schema by a test, used to validate templates. */
  readonly sample: z.input<D>;
}

export const defineEvent = <T extends string, D extends z.ZodType, Trigger extends boolean>(
  definition: EventDefinition<T, D> & { readonly trigger: Trigger },
): EventDefinition<T, D> & { readonly trigger: Trigger } => definition;

/** The envelope every event travels in: a deterministic id, the type, when, and the data. */
export const envelopeOf = <T extends string, D extends z.ZodType>(
  definition: EventDefinition<T, D>,
) =>
  z.object({
    /** Deterministic per fact, so a replayed fact carries the same id and consumers can dedupe. */
    id: z.string().min(1).max(512),
    type: z.literal(definition.type),
    occurredAt: z.iso.datetime(),
    data: definition.data,
  });
