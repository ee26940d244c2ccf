import * as z from 'zod';
import { RequestedChannel } from '../channels.ts';
import { AttributeName } from '../customer/customer.ts';
import { TopicId } from '../messaging/policy.ts';

const TemplateId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use the template folder name');

/** Values an automation may write into a Rapport-owned attribute. */
export const AttributeScalar = z.union([z.string().max(2000), z.number(), z.boolean()]);

/**
 * What an automation does when it fires. Every kind is handled by core/dispatch/run-action.ts
 * (an exhaustive switch): a new kind that is not handled there does not compile.
 */
export const Action = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('send-message'),
      /** A channel, or `preferred`: the customer's preferred channel that can be used. */
      channel: RequestedChannel,
      template: TemplateId,
      /** What a marketing message is about (workflows/messaging.yaml topics): the unsubscribe unit. */
      topic: TopicId.optional(),
      /**
       * A satisfaction-survey invitation (workflows/surveys.yaml): the fatigue guard applies and
       * the template gets `survey.*` (wording, page link, one link per score).
       */
      survey: z.literal(true).optional(),
    })
    .strict(),
  z
    .object({
      /** A task for the customer's owner (their rep): call or visit them. Not a customer message. */
      kind: z.literal('alert-owner'),
      channel: z.enum(['phone', 'visit']),
      /** A template with a `task` part: what the owner reads. */
      template: TemplateId,
    })
    .strict(),
  z
    .object({
      /**
       * Writes a Rapport-owned attribute (`customer.learned.<name>`), kept in system state so a
       * touchpoint's profile PUT cannot clobber it. The name must be declared in attributes.yaml.
       */
      kind: z.literal('set-attribute'),
      attribute: AttributeName,
      value: AttributeScalar,
    })
    .strict(),
  z
    .object({
      /** Records a complaint case (a hold on marketing) and emits complaint.opened. */
      kind: z.literal('open-case'),
      reason: z.string().min(1).max(200),
    })
    .strict(),
  z
    .object({
      /** Starts a named Step Functions workflow for the customer; only declared ones validate. */
      kind: z.literal('start-workflow'),
      workflow: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use the workflow name'),
    })
    .strict(),
]);
export type Action = z.infer<typeof Action>;
export type ActionKind = Action['kind'];

/** Actions that put something in front of a customer: priority and caps concern these. */
export function isCustomerMessage(
  action: Action,
): action is Extract<Action, { kind: 'send-message' }> {
  return action.kind === 'send-message';
}

/** The template an action renders, if any. */
export function templateOf(action: Action): string | undefined {
  return action.kind === 'send-message' || action.kind === 'alert-owner'
    ? action.template
    : undefined;
}

/**
 * Step Functions workflows an automation may start. Until workflows are registered from their
 * definitions, this list is the declaration; validation refuses any other name.
 */
export const DECLARED_WORKFLOWS: readonly string[] = ['complaint-recovery', 'tier-recalculation'];
