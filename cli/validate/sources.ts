import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { UsageError } from '../args.ts';
import { type ParsedYaml, parseYaml } from './positions.ts';

export interface TemplateFile {
  readonly templateId: string;
  readonly locale: string;
  readonly parsed: ParsedYaml;
}

/** What one validate run reads: automation files, and the workflows folder they are checked against. */
export interface Sources {
  readonly root: string;
  readonly automations: readonly ParsedYaml[];
  readonly templates: readonly TemplateFile[];
  readonly attributes?: ParsedYaml;
  readonly messaging?: ParsedYaml;
}

/**
 * Resolves the command's paths: a workflows folder (it has automations/) brings its templates and
 * declarations; another folder or a file adds automation files checked against `root` (the
 * repository's workflows/ unless --workflows says otherwise).
 */
export function readSources(paths: readonly string[], root: string, cwd: string): Sources {
  const display = (path: string) => relative(cwd, path) || path;
  const read = (path: string) => parseYaml(display(path), readFileSync(path, 'utf8'));
  let workflows = resolve(cwd, root);
  const automationFiles: string[] = [];
  const given = paths.length > 0 ? paths.map((path) => resolve(cwd, path)) : [workflows];
  for (const path of given) {
    if (!existsSync(path)) throw new UsageError(`${display(path)}: no such file or folder`);
    if (statSync(path).isDirectory()) {
      if (existsSync(join(path, 'automations'))) {
        workflows = path;
        automationFiles.push(...yamlFiles(join(path, 'automations')));
      } else automationFiles.push(...yamlFiles(path));
    } else automationFiles.push(path);
  }
  const templatesDir = join(workflows, 'templates');
  const templates = existsSync(templatesDir)
    ? readdirSync(templatesDir)
        .sort()
        .map((name) => join(templatesDir, name))
        .filter((dir) => statSync(dir).isDirectory())
        .flatMap((dir) =>
          yamlFiles(dir).map((file) => ({
            templateId: basename(dir),
            locale: basename(file).replace(/\.ya?ml$/, ''),
            parsed: read(file),
          })),
        )
    : [];
  const optional = (name: string) => {
    const path = join(workflows, name);
    return existsSync(path) ? read(path) : undefined;
  };
  const attributes = optional('attributes.yaml');
  const messaging = optional('messaging.yaml');
  return {
    root: workflows,
    automations: [...new Set(automationFiles)].map(read),
    templates,
    ...(attributes ? { attributes } : {}),
    ...(messaging ? { messaging } : {}),
  };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}
