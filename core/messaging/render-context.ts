import type { Customer } from '../customer/customer.ts';

export interface RenderContextInput {
  readonly customer: Customer;
  readonly automationId: string;
  readonly trigger?: Record<string, unknown>;
  readonly sender: { readonly name: string };
}

/**
 * What templates can use. Kept explicit (not the raw records) so the variables marketing ops see
 * are a stable contract: `customer.firstName`, `owner.name`, `sender.name`, `trigger.*`.
 */
export function renderContext(input: RenderContextInput): Record<string, unknown> {
  const { customer } = input;
  return {
    customer: {
      id: customer.id,
      firstName: customer.name.given,
      lastName: customer.name.family ?? '',
      fullName: [customer.name.given, customer.name.family].filter(Boolean).join(' '),
      locale: customer.locale,
      attributes: customer.attributes,
    },
    // A customer without a rep gets messages signed by the business, never an empty signature.
    owner: { name: customer.owner?.name ?? input.sender.name, email: customer.owner?.email ?? '' },
    sender: input.sender,
    automation: { id: input.automationId },
    trigger: input.trigger ?? {},
  };
}
