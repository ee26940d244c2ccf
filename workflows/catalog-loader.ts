import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { Catalog, type SourceFile, type TemplateSourceFile } from '../core/catalog/catalog.ts';
import { CatalogError } from '../core/errors.ts';

/** The folder of this file: where automations/ and templates/ live in the repository. */
export const REPOSITORY_WORKFLOWS_DIR = import.meta.dirname;

export const FALLBACK_LOCALE = 'en';

export interface LoadCatalogOptions {
  /** The sender name sample renders use. @default 'Rapport' */
  readonly senderName?: string;
}

/**
 * Reads and validates every automation, template and attribute declaration under `dir`. Throws a
 * CatalogError naming each bad file (and line, for YAML syntax errors) so a broken file stops a
 * deploy or a cold start, never a send.
 */
export function loadCatalog(
  dir: string = REPOSITORY_WORKFLOWS_DIR,
  options: LoadCatalogOptions = {},
): Catalog {
  const automations = yamlFiles(join(dir, 'automations')).map((path) => readYaml(dir, path));
  const templates: TemplateSourceFile[] = subfolders(join(dir, 'templates')).flatMap(
    (templateDir) =>
      yamlFiles(templateDir).map((path) => ({
        ...readYaml(dir, path),
        templateId: templateDir.split(/[\\/]/).pop() ?? '',
        locale: (path.split(/[\\/]/).pop() ?? '').replace(/\.ya?ml$/, ''),
      })),
  );
  const optional = (name: string) => {
    const path = join(dir, name);
    return existsSync(path) ? readYaml(dir, path) : undefined;
  };
  return Catalog.build(
    {
      automations,
      templates,
      attributes: optional('attributes.yaml'),
      messaging: optional('messaging.yaml'),
      surveys: optional('surveys.yaml'),
    },
    { fallbackLocale: FALLBACK_LOCALE, senderName: options.senderName ?? 'Rapport' },
  );
}

function readYaml(root: string, path: string): SourceFile {
  const file = relative(root, path);
  const document = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true });
  const [first] = document.errors;
  if (first) {
    const line = first.linePos?.[0];
    throw new CatalogError(line ? `${file}:${line.line}:${line.col}` : file, first.message);
  }
  return { file, data: document.toJS() };
}

function yamlFiles(dir: string): string[] {
  return entries(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => join(dir, name));
}

function subfolders(dir: string): string[] {
  return entries(dir)
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isDirectory());
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch (error) {
    throw new CatalogError(
      dir,
      `cannot read the folder (${error instanceof Error ? error.message : error})`,
    );
  }
}
