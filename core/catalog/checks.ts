import type { Automation } from '../automation/automation.ts';
import { TEMPLATE_PART } from '../channels.ts';
import type { MessagingPolicy } from '../messaging/policy.ts';
import { smsLength } from '../messaging/sms.ts';
import type { AttributeDeclarations } from './attributes.ts';
import type { LoadedTemplate } from './catalog.ts';
import { hasPath, sampleFacts } from './samples.ts';

interface Owner {
  readonly automation: Automation;
  readonly file: string;
}

/**
 * Every variable a template reads, in every branch, must exist for the trigger of the automation
 * that sends it: a `customer.registered` automation cannot mention `trigger.interaction`. Then one
 * render with the sample proves filters and syntax.
 */
export function templateProblems(
  loaded: LoadedTemplate,
  { automation, file }: Owner,
  sample: Record<string, unknown>,
): string[] {
  const problems: string[] = [];
  const trigger = automation.trigger.event;
  for (const path of loaded.template.variablePaths()) {
    if (hasPath(sample, path)) continue;
    problems.push(
      `${loaded.file}: uses '${path.join('.')}', which automation '${automation.id}' (${file}) cannot provide: ${missingHint(path, sample, trigger)}`,
    );
  }
  if (problems.length === 0) {
    for (const part of loaded.template.parts) {
      try {
        loaded.template.render(part, sample);
      } catch (error) {
        problems.push(`${loaded.file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return problems;
}

/**
 * What the messaging rules need of a template: the part for the automation's channel (any part
 * for `preferred`), SMS text that fits the allowed segments, a marketing email that carries the
 * customer's preferences link, and a declared topic for every marketing automation.
 */
export function messagingProblems(
  loaded: LoadedTemplate,
  { automation, file }: Owner,
  sample: Record<string, unknown>,
  policy: MessagingPolicy,
): string[] {
  const problems: string[] = [];
  const { template } = loaded;
  const action = automation.action;
  if (action.kind !== 'send-message') return problems;
  if (action.channel !== 'preferred' && !template.parts.has(TEMPLATE_PART[action.channel])) {
    problems.push(
      `${loaded.file}: automation '${automation.id}' (${file}) sends on ${action.channel}; add the '${TEMPLATE_PART[action.channel] === 'email' ? 'subject and text' : TEMPLATE_PART[action.channel]}' part`,
    );
  }
  if (template.parts.has('sms')) {
    const problem = smsProblem(loaded, sample, policy);
    if (problem) problems.push(problem);
  }
  if (automation.category === 'marketing') {
    if (template.parts.has('email') && !template.partReads('email', 'links.preferences')) {
      problems.push(
        `${loaded.file}: a marketing email must carry the customer's preferences link: add {{ links.preferences }} to the text (and the html)`,
      );
    }
    problems.push(...topicProblems(action.topic, file, policy));
  }
  return problems;
}

/** A marketing automation names a topic declared in messaging.yaml (the unsubscribe unit). */
function topicProblems(topic: string | undefined, file: string, policy: MessagingPolicy): string[] {
  const topics = Object.keys(policy.topics).join(', ');
  if (!topic) return [`${file}: a marketing automation needs action.topic, one of: ${topics}`];
  return topic in policy.topics
    ? []
    : [`${file}: action.topic '${topic}' is not declared in messaging.yaml (topics: ${topics})`];
}

function smsProblem(
  loaded: LoadedTemplate,
  sample: Record<string, unknown>,
  policy: MessagingPolicy,
) {
  let text: string;
  try {
    text = loaded.template.render('sms', sample).text;
  } catch {
    return undefined; // already reported by templateProblems
  }
  const length = smsLength(text);
  if (length.segments <= policy.sms.maxSegments) return undefined;
  const why =
    length.encoding === 'UCS-2'
      ? ` ('${length.firstNonGsm}' is not in the GSM-7 alphabet, so the whole text is UCS-2: 70 characters per segment, 67 when split)`
      : ' (GSM-7: 160 characters per segment, 153 when split)';
  return `${loaded.file}: the sms is ${length.units} characters with the sample, ${length.segments} segments; at most ${policy.sms.maxSegments} are allowed${why}`;
}

function missingHint(path: string[], sample: Record<string, unknown>, trigger: string): string {
  if (path[0] === 'customer' && path[1] === 'attributes' && path[2] !== undefined) {
    return `attribute '${path[2]}' is not declared in attributes.yaml`;
  }
  if (path[0] === 'trigger') {
    const available = Object.keys(sample.trigger as object).join(', ');
    return `it is triggered by ${trigger}, whose trigger has ${available}`;
  }
  const known = Object.keys(sample).join(', ');
  return `templates can read ${known}`;
}

/** Every condition reads a fact the trigger can provide (and only declared attributes). */
export function conditionProblems(
  automation: Automation,
  file: string,
  attributes: AttributeDeclarations,
  at: {
    readonly event: string;
    readonly conditions: Automation['conditions'];
    readonly path: string;
  } = {
    event: automation.trigger.event,
    conditions: automation.conditions,
    path: 'conditions',
  },
): string[] {
  const facts = sampleFacts(at.event, attributes);
  return at.conditions.flatMap((condition, index) => {
    const path = condition.fact.split('.');
    if (hasPath(facts, path)) return [];
    const hint =
      path[0] === 'customer' && path[1] === 'attributes'
        ? `attribute '${path[2]}' is not declared in attributes.yaml`
        : `${at.path === 'conditions' ? 'automations triggered by' : 'conditions on'} ${at.event} can read ${Object.keys(
            facts,
          )
            .map((root) => `${root}.*`)
            .join(', ')}`;
    return [`${file}: ${at.path}.${index}.fact '${condition.fact}' does not exist: ${hint}`];
  });
}
