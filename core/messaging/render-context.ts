import type { Customer } from '../customer/customer-view.ts';
import { NO_SURVEY, type SurveyRenderContext } from '../surveys/invitation.ts';

export interface RenderContextInput {
  readonly customer: Customer;
  readonly automationId: string;
  readonly trigger?: Record<string, unknown>;
  readonly sender: { readonly name: string };
  /**
   * The declared attribute names (workflows/attributes.yaml): each is present in the context, null
   * when the customer has none, so a template may test it without failing in strict mode.
   */
  readonly attributes?: readonly string[];
  /** The customer's signed links (preferences page, one-click unsubscribe). */
  readonly links?: { readonly preferences: string; readonly unsubscribe: string };
  /** A survey invitation's wording and links (empty in any other message). */
  readonly survey?: SurveyRenderContext;
}

/**
 * What templates can use. Kept explicit (not the raw records) so the variables marketing ops see
 * are a stable contract: `customer.firstName`, `owner.name`, `sender.name`, `trigger.*`.
 */
export function renderContext(input: RenderContextInput): Record<string, unknown> {
  const { customer } = input;
  const declared = Object.fromEntries((input.attributes ?? []).map((name) => [name, null]));
  return {
    customer: {
      id: customer.id,
      firstName: customer.name.given,
      lastName: customer.name.family ?? '',
      fullName: [customer.name.given, customer.name.family].filter(Boolean).join(' '),
      locale: customer.locale,
      tier: customer.value?.tier ?? '',
      attributes: { ...declared, ...customer.attributes },
      /** What Rapport wrote (set-attribute, drip answers): apart, so a profile PUT cannot erase it. */
      learned: { ...declared, ...customer.learned },
    },
    // Empty (not the business's name) when the customer has no rep: templates sign with
    // `{% if owner.name != '' %}`, so a message is never signed "Rapport / Rapport".
    owner: { name: customer.owner?.name ?? '', email: customer.owner?.email ?? '' },
    sender: input.sender,
    automation: { id: input.automationId },
    trigger: input.trigger ?? {},
    links: input.links ?? { preferences: '', unsubscribe: '' },
    survey: input.survey ?? NO_SURVEY,
  };
}
