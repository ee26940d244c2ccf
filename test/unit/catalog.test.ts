import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { automationJsonSchema } from '../../workflows/automation-json-schema.ts';
import { loadCatalog, REPOSITORY_WORKFLOWS_DIR } from '../../workflows/catalog-loader.ts';

const folders: string[] = [];

/** A copy of the shipped workflows folder that a test may break. */
function copyOfWorkflows(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-workflows-'));
  folders.push(dir);
  cpSync(join(REPOSITORY_WORKFLOWS_DIR, 'automations'), join(dir, 'automations'), {
    recursive: true,
  });
  cpSync(join(REPOSITORY_WORKFLOWS_DIR, 'templates'), join(dir, 'templates'), { recursive: true });
  return dir;
}

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the automation catalog', () => {
  it('loads the shipped automations and templates', () => {
    const catalog = loadCatalog();

    expect(catalog.automations.map((a) => a.id)).toContain('next-day-follow-up');
    expect(catalog.template('next-day-follow-up', 'es-CO')?.locale).toBe('es');
    expect(catalog.template('next-day-follow-up', 'fr-FR')?.locale).toBe('en');
  });

  it('names the file and field of an automation that breaks the schema', () => {
    const dir = copyOfWorkflows();
    writeFileSync(
      join(dir, 'automations', 'broken.yaml'),
      'id: Broken_Id\ndescription: x\nowner: ops\nenabled: yes\ncategory: service\ntrigger: { event: interaction.recorded }\ndelay: { kind: next-day-at, time: "25:00" }\naction: { kind: send-message, channel: email, template: next-day-follow-up }\n',
    );

    expect(() => loadCatalog(dir)).toThrowError(
      /automations\/broken\.yaml: id: use kebab-case.*delay\.time: use 24-hour HH:mm/s,
    );
  });

  it('gives the line of a YAML syntax error', () => {
    const dir = copyOfWorkflows();
    writeFileSync(
      join(dir, 'automations', 'syntax.yaml'),
      'id: ok\ndescription: [unclosed\nowner: ops\n',
    );

    expect(() => loadCatalog(dir)).toThrowError(/automations\/syntax\.yaml:\d+:\d+/);
  });

  it('refuses an automation whose template does not exist', () => {
    const dir = copyOfWorkflows();
    const shipped = join(dir, 'automations', 'next-day-follow-up.yaml');
    cpSync(shipped, join(dir, 'automations', 'other.yaml'));
    writeFileSync(
      join(dir, 'automations', 'other.yaml'),
      'id: other-follow-up\ndescription: x\nowner: ops\nenabled: true\ncategory: service\ntrigger: { event: interaction.recorded }\ndelay: { kind: none }\naction: { kind: send-message, channel: email, template: missing-template }\n',
    );

    expect(() => loadCatalog(dir)).toThrowError(
      /other\.yaml: action\.template 'missing-template' needs templates\/missing-template\/en\.yaml/,
    );
  });

  it('refuses a template that uses a variable Rapport does not provide, before anything is sent', () => {
    const dir = copyOfWorkflows();
    writeFileSync(
      join(dir, 'templates', 'next-day-follow-up', 'es.yaml'),
      'subject: "Hola {{ customer.nickname }}"\ntext: "x"\n',
    );

    expect(() => loadCatalog(dir)).toThrowError(
      /templates\/next-day-follow-up\/es\.yaml: .*customer\.nickname/,
    );
  });

  it('refuses two automations with the same id', () => {
    const dir = copyOfWorkflows();
    cpSync(
      join(dir, 'automations', 'next-day-follow-up.yaml'),
      join(dir, 'automations', 'copy.yaml'),
    );

    expect(() => loadCatalog(dir)).toThrowError(
      /next-day-follow-up\.yaml: id 'next-day-follow-up' is also used by automations\/copy\.yaml/,
    );
  });
});

describe('the automation JSON Schema', () => {
  it('is committed up to date with the zod schema (run npm run schema after changing it)', () => {
    const committed = readFileSync(
      join(REPOSITORY_WORKFLOWS_DIR, 'automation.schema.json'),
      'utf8',
    );

    expect(committed).toBe(automationJsonSchema());
  });
});
