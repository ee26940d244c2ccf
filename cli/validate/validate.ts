import { templateOf } from '../../core/automation/actions.ts';
import { Automation } from '../../core/automation/automation.ts';
import { type AttributeDeclarations, AttributesFile } from '../../core/catalog/attributes.ts';
import { Catalog } from '../../core/catalog/catalog.ts';
import { MessagingPolicy } from '../../core/messaging/policy.ts';
import { CompiledTemplate, MessageTemplateSource } from '../../core/messaging/template.ts';
import type { Finding } from './finding.ts';
import { overlapFindings } from './overlap.ts';
import { type ParsedYaml, pathIn, positionOf } from './positions.ts';
import { schemaFindings } from './schema-issues.ts';
import {
  type CheckedAutomation,
  type CompiledTemplateFile,
  conditionFindings,
  templateFindings,
} from './semantic.ts';
import type { Sources } from './sources.ts';
import { objectKeys } from './zod-walk.ts';

export const FALLBACK_LOCALE = 'en';

export interface ValidationReport {
  readonly findings: readonly Finding[];
  readonly automations: number;
  readonly templates: number;
}

/**
 * Every check, each finding placed at its line: YAML syntax, the schema (zod issues mapped to
 * nodes), facts and templates each trigger can provide, conditions that can never hold,
 * overlapping automations; then the catalog's own checks (messaging rules, SMS length, topics,
 * and whatever it checks next) on the automations that passed, so nothing the runtime refuses
 * passes here.
 */
export function validateSources(sources: Sources): ValidationReport {
  const findings: Finding[] = [];
  const attributes = declarations(sources.attributes, findings);
  if (sources.messaging) parseWith(sources.messaging, MessagingPolicy, findings);
  const templates = compileTemplates(sources, findings);

  const checked: CheckedAutomation[] = [];
  const ids = new Map<string, string>();
  for (const parsed of sources.automations) {
    const automation = parseWith(parsed, Automation, findings);
    if (!automation) continue;
    const earlier = ids.get(automation.id);
    if (earlier) {
      findings.push({
        file: parsed.file,
        at: positionOf(parsed, ['id']),
        message: `id '${automation.id}' is already used by ${earlier}`,
        hint: 'every automation needs its own id (its schedules and decisions are named by it)',
      });
      continue;
    }
    ids.set(automation.id, parsed.file);
    checked.push({ parsed, automation });
  }

  const clean: CheckedAutomation[] = [];
  for (const entry of checked) {
    const own = [
      ...conditionFindings(entry, attributes),
      ...templateFindings(entry, templates, attributes, FALLBACK_LOCALE),
    ];
    findings.push(...own);
    if (own.length === 0) clean.push(entry);
  }
  findings.push(...overlapFindings(clean, attributes));
  findings.push(...catalogFindings(sources, clean, templates));
  return {
    findings: sortFindings(findings),
    automations: sources.automations.length,
    templates: sources.templates.length,
  };
}

function parseWith<T>(
  parsed: ParsedYaml,
  schema: {
    safeParse(
      data: unknown,
    ): { success: true; data: T } | { success: false; error: import('zod').ZodError };
  },
  findings: Finding[],
): T | undefined {
  if (parsed.syntaxError) {
    findings.push({
      file: parsed.file,
      at: parsed.syntaxError.at,
      message: `YAML: ${parsed.syntaxError.message}`,
      hint: 'check the indentation (spaces, not tabs) and that every `key:` has a space after the colon',
    });
    return undefined;
  }
  const result = schema.safeParse(parsed.data ?? {});
  if (result.success) return result.data;
  findings.push(
    ...schemaFindings(parsed, result.error, (path) =>
      objectKeys(schema as never, path, parsed.data),
    ),
  );
  return undefined;
}

function declarations(parsed: ParsedYaml | undefined, findings: Finding[]): AttributeDeclarations {
  if (!parsed) return {};
  return parseWith(parsed, AttributesFile, findings)?.attributes ?? {};
}

function compileTemplates(sources: Sources, findings: Finding[]) {
  const templates = new Map<string, Map<string, CompiledTemplateFile>>();
  for (const { templateId, locale, parsed } of sources.templates) {
    const source = parseWith(parsed, MessageTemplateSource, findings);
    if (!source) continue;
    try {
      const template = new CompiledTemplate(templateId, locale, source);
      const locales = templates.get(templateId) ?? new Map<string, CompiledTemplateFile>();
      locales.set(locale, { parsed, template });
      templates.set(templateId, locales);
    } catch (error) {
      findings.push({
        file: parsed.file,
        at: { line: 1, col: 1 },
        message: `template: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'Liquid syntax: {{ variable }}, {% if ... %}...{% endif %} (https://liquidjs.com)',
      });
    }
  }
  return templates;
}

/** The runtime's own catalog checks on what passed ours; each problem placed where it names. */
function catalogFindings(
  sources: Sources,
  clean: readonly CheckedAutomation[],
  templates: ReadonlyMap<string, ReadonlyMap<string, CompiledTemplateFile>>,
): Finding[] {
  const used = new Set(clean.map(({ automation }) => templateOf(automation.action)));
  const files = new Map<string, ParsedYaml>();
  for (const { parsed } of clean) files.set(parsed.file, parsed);
  const templateSources = [...templates.entries()]
    .filter(([id]) => used.has(id))
    .flatMap(([templateId, locales]) =>
      [...locales.entries()].map(([locale, { parsed }]) => {
        files.set(parsed.file, parsed);
        return { file: parsed.file, data: parsed.data, templateId, locale };
      }),
    );
  for (const extra of [sources.attributes, sources.messaging])
    if (extra) files.set(extra.file, extra);
  try {
    Catalog.build(
      {
        automations: clean.map(({ parsed }) => ({ file: parsed.file, data: parsed.data })),
        templates: templateSources,
        ...(sources.attributes
          ? { attributes: { file: sources.attributes.file, data: sources.attributes.data } }
          : {}),
        ...(sources.messaging
          ? { messaging: { file: sources.messaging.file, data: sources.messaging.data } }
          : {}),
      },
      { fallbackLocale: FALLBACK_LOCALE, senderName: 'Rapport' },
    );
    return [];
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return text
      .replace(/^[^\n]*:\s*\n/, '')
      .split(/\n {2}(?=\S)/)
      .map((line) => line.trim())
      .filter((line, index, all) => line !== '' && all.indexOf(line) === index)
      .map((problem) => placeProblem(problem, files));
  }
}

/** `file: path.to.node ...message`: the file is known, the path is looked up in it when it names a node. */
function placeProblem(problem: string, files: ReadonlyMap<string, ParsedYaml>): Finding {
  const file = [...files.keys()]
    .sort((a, b) => b.length - a.length)
    .find((name) => problem.startsWith(`${name}: `));
  if (!file) return { file: 'workflows', at: { line: 1, col: 1 }, message: problem };
  const message = problem.slice(file.length + 2);
  const parsed = files.get(file);
  const tokens = message.match(/[A-Za-z][\w-]*(?:\.[\w-]+)+/g) ?? [];
  const path = parsed
    ? tokens.map((token) => pathIn(parsed, token)).find((found) => found !== undefined)
    : undefined;
  return {
    file,
    at: parsed && path ? positionOf(parsed, path) : { line: 1, col: 1 },
    message,
    hint: 'see docs/automations.md and docs/messaging.md',
  };
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) =>
    a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.at.line - b.at.line || a.at.col - b.at.col,
  );
}
