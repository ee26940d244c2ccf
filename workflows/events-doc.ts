import * as z from 'zod';
import type { EventDefinition, SummaryContext } from '../core/events/define.ts';
import { EVENT_DEFINITIONS, EVENT_SOURCE } from '../core/events/registry.ts';

const SAMPLE_CONTEXT: SummaryContext = { locale: 'en', timeZone: 'America/Bogota' };

/** Dotted paths of the leaves of a sample value: `interaction.type`, `interaction.localDate`, ... */
function leafPaths(value: unknown, prefix: string): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  const entries = Object.entries(value);
  if (entries.length === 0) return [prefix];
  return entries.flatMap(([key, inner]) => leafPaths(inner, `${prefix}.${key}`));
}

function dataFields(definition: EventDefinition): string {
  const shape = definition.data instanceof z.ZodObject ? definition.data.shape : {};
  return Object.keys(shape)
    .map((field) => `\`${field}\``)
    .join(', ');
}

function row(definition: EventDefinition): string {
  const data = definition.data.parse(definition.sample);
  const facts = definition.facts
    ? Object.keys(definition.facts(data)).map((k) => `\`${k}.*\``)
    : [];
  const summary = definition.summary
    ? Object.entries(definition.summary(data, SAMPLE_CONTEXT)).flatMap(([key, value]) =>
        leafPaths(value, `trigger.${key}`).map((path) => `\`${path}\``),
      )
    : [];
  const reads = definition.trigger
    ? `${['`event.*`', '`customer.*`', ...facts].join(', ')} | ${['`trigger.event`', ...summary].join(', ')}`
    : '— | —';
  return `| \`${definition.type}\` | ${definition.description} | ${dataFields(definition)} | ${definition.trigger ? 'yes' : 'no'} | ${reads} |`;
}

/**
 * docs/events.md, generated from the event registry (core/events/registry.ts) so the table cannot
 * disagree with the code; `npm run schema` writes it and a test fails when the committed copy is
 * stale.
 */
export function eventsDoc(): string {
  const triggers = EVENT_DEFINITIONS.filter((definition) => definition.trigger);
  return `${[
    '# Events',
    '',
    '<!-- Generated from core/events/registry.ts by `npm run schema`; do not edit by hand. -->',
    '',
    `Every event is published on the EventBridge bus with \`source: ${EVENT_SOURCE}\` and the event type as`,
    '`detail-type`; the detail is the event envelope `{ id, type, occurredAt, data }`. Ids are',
    'deterministic per fact, so a consumer can drop a replayed one.',
    '',
    `Automations may be triggered by the ${triggers.length} trigger events. Their conditions read`,
    '`event.*` (the envelope), `customer.*` (the composed customer) and what the event adds; their',
    'templates read `trigger.*`, frozen when the action is planned.',
    '',
    '| Event | When | Data | Trigger | Conditions read | Templates read |',
    '| --- | --- | --- | --- | --- | --- |',
    ...EVENT_DEFINITIONS.map((definition) => row(definition as EventDefinition)),
  ].join('\n')}\n`;
}
