import * as z from 'zod';
import { AttributeScalar } from '../automation/actions.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { AttributeName } from '../customer/customer.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import type { CustomerStore, SystemStateStore } from '../ports.ts';
import { parseInput } from './parse-input.ts';

export interface AnswerDeps {
  readonly catalog: Catalog;
  readonly customers: CustomerStore;
  readonly systemState: SystemStateStore;
}

const Answers = z.strictObject({
  answers: z
    .record(AttributeName, AttributeScalar)
    .refine((answers) => Object.keys(answers).length > 0, 'give at least one answer')
    .refine((answers) => Object.keys(answers).length <= 20, 'at most 20 answers at once'),
});

/**
 * `POST /customers/{id}/answers`: what a customer answered to a drip question (a reply read by a
 * person, a form), stored as Rapport-owned attributes (`customer.learned.*`). Only declared
 * attributes of the declared type are accepted; a later answer replaces an earlier one. Once
 * answered, a question is never asked again (the drip template and its conditions read these).
 */
export async function recordAnswers(deps: AnswerDeps, customerId: string, body: unknown) {
  const { answers } = parseInput(Answers, body ?? {});
  const problems = Object.entries(answers).flatMap(([name, value]) => {
    const declared = deps.catalog.attributes[name];
    if (!declared)
      return [{ path: ['answers', name], message: 'is not declared in attributes.yaml' }];
    const expected = declared.type === 'date' ? 'string' : declared.type;
    return typeof value === expected
      ? []
      : [{ path: ['answers', name], message: `must be a ${declared.type}` }];
  });
  if (problems.length > 0) {
    throw new InvalidInputError(
      'the request body is not valid',
      problems.map((problem) => ({ code: 'custom' as const, ...problem })),
    );
  }
  const customer = await deps.customers.getCustomer(customerId);
  if (!customer) throw new NotFoundError('customer', customerId);
  const learned = { ...customer.learned, ...answers };
  await deps.systemState.put(customerId, 'learned', learned);
  return { customerId, learned };
}
