import type { z } from 'zod';
import { Automation } from './automation/automation.ts';
import { CatalogError } from './errors.ts';
import { CompiledTemplate, MessageTemplateSource, pickLocale } from './messaging/template.ts';

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
}

export interface CatalogOptions {
  /** Every template must exist in this locale; other locales fall back to it. */
  readonly fallbackLocale: string;
  /** A full render context used to prove every template variable exists before anything is sent. */
  readonly sampleContext: Record<string, unknown>;
}

/** The automations and templates marketing ops maintain, validated together. */
export class Catalog {
  private constructor(
    readonly automations: readonly Automation[],
    private readonly templates: ReadonlyMap<string, ReadonlyMap<string, CompiledTemplate>>,
    readonly fallbackLocale: string,
  ) {}

  /** Throws one CatalogError listing every problem found, so one run shows all of them. */
  static build(sources: CatalogSources, options: CatalogOptions): Catalog {
    const problems: CatalogError[] = [];
    const automations = parseAutomations(sources.automations, problems);
    const templates = compileTemplates(sources.templates, options, problems);
    for (const { automation, file } of automations) {
      const locales = templates.get(automation.action.template);
      if (!locales?.has(options.fallbackLocale)) {
        problems.push(
          new CatalogError(
            file,
            `action.template '${automation.action.template}' needs templates/${automation.action.template}/${options.fallbackLocale}.yaml`,
          ),
        );
      }
    }
    if (problems.length > 0) {
      throw new CatalogError('workflows', `\n  ${problems.map((p) => p.message).join('\n  ')}`);
    }
    return new Catalog(
      automations.map(({ automation }) => automation),
      templates,
      options.fallbackLocale,
    );
  }

  template(templateId: string, locale: string): CompiledTemplate | undefined {
    const locales = this.templates.get(templateId);
    if (!locales) return undefined;
    const chosen = pickLocale([...locales.keys()], locale, this.fallbackLocale);
    return chosen === undefined ? undefined : locales.get(chosen);
  }
}

function parseAutomations(files: readonly SourceFile[], problems: CatalogError[]) {
  const parsed: { automation: Automation; file: string }[] = [];
  const seen = new Map<string, string>();
  for (const { file, data } of files) {
    const result = Automation.safeParse(data);
    if (!result.success) {
      problems.push(new CatalogError(file, describeIssues(result.error)));
      continue;
    }
    const earlier = seen.get(result.data.id);
    if (earlier)
      problems.push(new CatalogError(file, `id '${result.data.id}' is also used by ${earlier}`));
    seen.set(result.data.id, file);
    parsed.push({ automation: result.data, file });
  }
  return parsed;
}

function compileTemplates(
  files: readonly TemplateSourceFile[],
  options: CatalogOptions,
  problems: CatalogError[],
) {
  const templates = new Map<string, Map<string, CompiledTemplate>>();
  for (const { file, data, templateId, locale } of files) {
    const source = MessageTemplateSource.safeParse(data);
    if (!source.success) {
      problems.push(new CatalogError(file, describeIssues(source.error)));
      continue;
    }
    try {
      const compiled = new CompiledTemplate(templateId, locale, source.data);
      compiled.render(options.sampleContext);
      const locales = templates.get(templateId) ?? new Map<string, CompiledTemplate>();
      locales.set(locale, compiled);
      templates.set(templateId, locales);
    } catch (error) {
      problems.push(new CatalogError(file, error instanceof Error ? error.message : String(error)));
    }
  }
  return templates;
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(file)'}: ${issue.message}`)
    .join('; ');
}
