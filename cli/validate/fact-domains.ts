import * as z from 'zod';
import type { AttributeDeclarations } from '../../core/catalog/attributes.ts';
import { Channel } from '../../core/channels.ts';
import { ConsentRecord } from '../../core/customer/consent.ts';
import { CustomerProfile } from '../../core/customer/customer.ts';
import {
  Holds,
  Preferences,
  Reachability,
  SurveyState,
  ValueState,
} from '../../core/customer/system-state.ts';
import { eventDefinition } from '../../core/events/registry.ts';
import { literalValues, schemaAt, valueType } from './zod-walk.ts';

/** What a fact can hold: its JSON type and, for enums, the values it can take. */
export interface FactDomain {
  readonly type?: 'string' | 'number' | 'boolean';
  readonly values?: readonly unknown[];
}

/** The customer as conditions see it (customer-view.ts), as one schema to walk. */
const CustomerFacts = CustomerProfile.extend({
  consent: z.partialRecord(Channel, ConsentRecord),
  reachability: Reachability,
  holds: Holds,
  value: ValueState.optional(),
  survey: SurveyState.optional(),
  preferences: Preferences.optional(),
});

/**
 * The domain of a fact for a trigger, from the schemas the facts come from: the customer view for
 * `customer.*`, the declared attribute's type for `customer.attributes.*`, and the trigger's event
 * data for what the trigger adds (when the sample shows the fact is that data, unchanged).
 */
export function factDomain(
  triggerType: string,
  fact: string,
  attributes: AttributeDeclarations,
): FactDomain {
  const path = fact.split('.');
  if (path[0] === 'customer') {
    if (path[1] === 'attributes' && path[2] !== undefined) {
      const declared = attributes[path[2]];
      if (!declared) return {};
      return { type: declared.type === 'date' ? 'string' : declared.type };
    }
    return domainOf(schemaAt(CustomerFacts, path.slice(1)));
  }
  if (path[0] === 'event') return {};
  const definition = eventDefinition(triggerType);
  if (!definition?.facts) return {};
  const sample = definition.data.parse(definition.sample);
  const facts = definition.facts(sample as never);
  // Facts usually expose the event's data as is (`interaction` is data.interaction); only then
  // does the data's schema describe the fact.
  if (readPath(facts, path) === undefined || readPath(facts, path) !== readPath(sample, path))
    return {};
  return domainOf(schemaAt(definition.data, path));
}

function domainOf(schema: z.ZodType | undefined): FactDomain {
  const values = literalValues(schema);
  const type = valueType(schema);
  return { ...(type ? { type } : {}), ...(values ? { values } : {}) };
}

function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
