import type * as z from 'zod';
import { templateOf } from '../automation/actions.ts';
import { Automation } from '../automation/automation.ts';
import { CatalogError } from '../errors.ts';
import { DEFAULT_MESSAGING_POLICY, MessagingPolicy } from '../messaging/policy.ts';
import { CompiledTemplate, MessageTemplateSource, pickLocale } from '../messaging/template.ts';
import { DEFAULT_SURVEY_POLICY, parseSurveyPolicy, type SurveyPolicy } from '../surveys/policy.ts';
import { type AttributeDeclarations, AttributesFile } from './attributes.ts';
import { automationProblems } from './automation-checks.ts';
import { messagingProblems, templateProblems } from './checks.ts';
import { sampleRenderContext } from './samples.ts';

export interface SourceFile {
  /** Path shown in errors, relative to the workflows folder. */
  readonly file: string;
  readonly data: unknown;
}

export interface TemplateSourceFile extends SourceFile {
  readonly templateId: string;
  readonly locale: string;
}

export interface CatalogSources {
  readonly automations: readonly SourceFile[];
  readonly templates: readonly TemplateSourceFile[];
  /** workflows/attributes.yaml; absent means no attribute may be read. */
  readonly attributes?: SourceFile;
  /** workflows/messaging.yaml; absent means the defaults (docs/messaging.md). */
  readonly messaging?: SourceFile;
  /** workflows/surveys.yaml; absent means the defaults (docs/surveys.md). */
  readonly surveys?: SourceFile;
}

export interface CatalogOptions {
  /** Every template must exist in this locale; other locales fall back to it. */
  readonly fallbackLocale: string;
  /** The sender name used in sample renders. */
  readonly senderName: string;
}

export interface LoadedTemplate {
  readonly file: string;
  readonly template: CompiledTemplate;
}

/** The automations, templates and attribute declarations marketing ops maintain, validated together. */
export class Catalog {
  private readonly byTrigger = new Map<string, Automation[]>();
  private readonly byId = new Map<string, Automation>();

  private constructor(
    readonly automations: readonly Automation[],
    private readonly templates: ReadonlyMap<string, ReadonlyMap<string, LoadedTemplate>>,
    readonly attributes: AttributeDeclarations,
    /** How every message respects its customer (quiet hours, caps, holds, topics, SMS length). */
    readonly messaging: MessagingPolicy,
    readonly fallbackLocale: string,
    /** Qualifying types, window, fatigue, link validity and wording of satisfaction surveys. */
    readonly surveys: SurveyPolicy = DEFAULT_SURVEY_POLICY,
  ) {
    for (const automation of automations) {
      this.byId.set(automation.id, automation);
      const list = this.byTrigger.get(automation.trigger.event) ?? [];
      list.push(automation);
      this.byTrigger.set(automation.trigger.event, list);
    }
  }

  /** Throws one CatalogError listing every problem found, so one run shows all of them. */
  static build(sources: CatalogSources, options: CatalogOptions): Catalog {
    const problems: string[] = [];
    const attributes = parseAttributes(sources.attributes, problems);
    const messaging = parseMessaging(sources.messaging, problems);
    const surveys = parseSurveyPolicy(sources.surveys, problems);
    const automations = parseAutomations(sources.automations, problems);
    const templates = compileTemplates(sources.templates, problems);
    for (const { automation, file } of automations) {
      problems.push(...automationProblems(automation, file, attributes));
      // The fatigue guard asks about the interaction that triggered the invitation.
      if (
        automation.action.kind === 'send-message' &&
        automation.action.survey &&
        automation.trigger.event !== 'interaction.recorded'
      )
        problems.push(
          `${file}: a survey invitation (action.survey) needs trigger.event interaction.recorded`,
        );
      const templateId = templateOf(automation.action);
      if (templateId === undefined) continue;
      const locales = templates.get(templateId);
      if (!locales?.has(options.fallbackLocale)) {
        problems.push(
          `${file}: action.template '${templateId}' needs templates/${templateId}/${options.fallbackLocale}.yaml`,
        );
        continue;
      }
      const sample = sampleRenderContext(automation.trigger.event, attributes, options.senderName);
      for (const loaded of locales.values()) {
        const owner = { automation, file };
        problems.push(...templateProblems(loaded, owner, sample));
        problems.push(...messagingProblems(loaded, owner, sample, messaging));
        if (automation.action.kind === 'alert-owner' && !loaded.template.parts.has('task')) {
          problems.push(
            `${loaded.file}: automation '${automation.id}' (${file}) alerts the owner; add the 'task' part`,
          );
        }
      }
    }
    if (problems.length > 0) {
      throw new CatalogError('workflows', `\n  ${problems.join('\n  ')}`);
    }
    return new Catalog(
      automations.map(({ automation }) => automation),
      templates,
      attributes,
      messaging,
      options.fallbackLocale,
      surveys,
    );
  }

  /** The automations an event type may trigger (indexed: no scan of the others). */
  automationsFor(eventType: string): readonly Automation[] {
    return this.byTrigger.get(eventType) ?? [];
  }

  automation(id: string): Automation | undefined {
    return this.byId.get(id);
  }

  template(templateId: string, locale: string): CompiledTemplate | undefined {
    const locales = this.templates.get(templateId);
    if (!locales) return undefined;
    const chosen = pickLocale([...locales.keys()], locale, this.fallbackLocale);
    return chosen === undefined ? undefined : locales.get(chosen)?.template;
  }

  /** The declared attribute names, for render contexts. */
  get attributeNames(): readonly string[] {
    return Object.keys(this.attributes);
  }
}

function parseAttributes(
  source: SourceFile | undefined,
  problems: string[],
): AttributeDeclarations {
  if (!source) return {};
  const result = AttributesFile.safeParse(source.data ?? {});
  if (result.success) return result.data.attributes;
  problems.push(`${source.file}: ${describeIssues(result.error)}`);
  return {};
}

function parseMessaging(source: SourceFile | undefined, problems: string[]): MessagingPolicy {
  if (!source) return DEFAULT_MESSAGING_POLICY;
  const result = MessagingPolicy.safeParse(source.data ?? {});
  if (result.success) return result.data;
  problems.push(`${source.file}: ${describeIssues(result.error)}`);
  return DEFAULT_MESSAGING_POLICY;
}

function parseAutomations(files: readonly SourceFile[], problems: string[]) {
  const parsed: { automation: Automation; file: string }[] = [];
  const seen = new Map<string, string>();
  for (const { file, data } of files) {
    const result = Automation.safeParse(data);
    if (!result.success) {
      problems.push(`${file}: ${describeIssues(result.error)}`);
      continue;
    }
    const earlier = seen.get(result.data.id);
    if (earlier) problems.push(`${file}: id '${result.data.id}' is also used by ${earlier}`);
    seen.set(result.data.id, file);
    parsed.push({ automation: result.data, file });
  }
  return parsed;
}

function compileTemplates(files: readonly TemplateSourceFile[], problems: string[]) {
  const templates = new Map<string, Map<string, LoadedTemplate>>();
  for (const { file, data, templateId, locale } of files) {
    const source = MessageTemplateSource.safeParse(data);
    if (!source.success) {
      problems.push(`${file}: ${describeIssues(source.error)}`);
      continue;
    }
    try {
      const template = new CompiledTemplate(templateId, locale, source.data);
      const locales = templates.get(templateId) ?? new Map<string, LoadedTemplate>();
      locales.set(locale, { file, template });
      templates.set(templateId, locales);
    } catch (error) {
      problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return templates;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(file)'}: ${issue.message}`)
    .join('; ');
}
