import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { DomainEvent } from '../events/registry.ts';
import type { CustomerRef } from '../interaction/interaction.ts';
import { type Interaction, InteractionInput } from '../interaction/interaction.ts';
import type { Clock, CustomerStore, InteractionStore } from '../ports.ts';
import { parseInput, rejectFuture } from './parse-input.ts';

export interface RecordInteractionDeps {
  readonly customers: CustomerStore;
  readonly interactions: InteractionStore;
  readonly clock: Clock;
}

export interface RecordInteractionResult {
  /** `replayed` when this id was recorded before: the first result is returned, nothing is written. */
  readonly status: 'recorded' | 'replayed';
  readonly interaction: Interaction;
}

/**
 * Records an interaction once per id and announces it: the `interaction.recorded` event is written
 * in the same transaction as the interaction (the outbox), so it cannot be lost or published for
 * an interaction that was not recorded. A replay of the same id and content answers the first
 * result and writes nothing; the same id with other content is a conflict.
 */
export async function recordInteraction(
  deps: RecordInteractionDeps,
  body: unknown,
): Promise<RecordInteractionResult> {
  const input = parseInput(InteractionInput, body);
  const now = deps.clock();
  rejectFuture(input.occurredAt, now, ['occurredAt']);
  const customerId = await resolveCustomerId(deps.customers, input.customer);
  const { customer: _ref, ...fields } = input;
  // The content as resolved: naming the customer by Rapport id or by an external id is the same
  // interaction, so a touchpoint's retry that names her differently is a replay, not a conflict.
  const requestHash = hashRequest({ ...fields, customerId });
  const candidate: Interaction = { ...fields, customerId, recordedAt: now.toISOString() };

  const result = await deps.interactions.recordInteraction(candidate, requestHash, [
    interactionRecorded(candidate),
  ]);
  if (result.outcome === 'duplicate') {
    const { existing } = result;
    if (existing.requestHash !== requestHash) {
      throw new ConflictError(
        `interaction '${input.id}' was already recorded with different content; use a new id for a new interaction`,
      );
    }
    return { status: 'replayed', interaction: existing.interaction };
  }
  return { status: 'recorded', interaction: candidate };
}

export function interactionRecorded(interaction: Interaction): DomainEvent {
  return {
    id: `interaction.recorded:${interaction.id}`,
    type: 'interaction.recorded',
    occurredAt: interaction.recordedAt,
    data: { customerId: interaction.customerId, interaction },
  };
}

async function resolveCustomerId(customers: CustomerStore, ref: CustomerRef): Promise<string> {
  if ('id' in ref) {
    // Existence is checked atomically with the write; here we only map external ids.
    return ref.id;
  }
  const id = await customers.findCustomerIdByExternalId(ref.system, ref.externalId);
  if (!id) {
    throw new NotFoundError(
      'customer with external id',
      `${ref.system}:${ref.externalId}`,
      'register the customer first (POST /customers) with this external id',
    );
  }
  return id;
}

/** Key order must not matter: the same interaction sent by two systems hashes the same. */
function hashRequest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
