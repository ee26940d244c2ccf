import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENT_DEFINITIONS, TriggerEventType } from '../../core/events/registry.ts';
import { automationJsonSchema } from '../../workflows/automation-json-schema.ts';
import { loadCatalog, REPOSITORY_WORKFLOWS_DIR } from '../../workflows/catalog-loader.ts';
import { eventsDoc } from '../../workflows/events-doc.ts';

const folders: string[] = [];

/** A copy of the shipped workflows folder that a test may break. */
function copyOfWorkflows(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-workflows-'));
  folders.push(dir);
  cpSync(join(REPOSITORY_WORKFLOWS_DIR, 'automations'), join(dir, 'automations'), {
    recursive: true,
  });
  cpSync(join(REPOSITORY_WORKFLOWS_DIR, 'templates'), join(dir, 'templates'), { recursive: true });
  cpSync(join(REPOSITORY_WORKFLOWS_DIR, 'attributes.yaml'), join(dir, 'attributes.yaml'));
  // The shipped automations name its topics.
  cpSync(join(REPOSITORY_WORKFLOWS_DIR, 'messaging.yaml'), join(dir, 'messaging.yaml'));
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

describe("templates and conditions are checked against their automation's trigger", () => {
  const welcome = (template: string, extra = '') =>
    `id: welcome\ndescription: x\nowner: ops\nenabled: true\ncategory: service\ntrigger: { event: customer.registered }\n${extra}delay: { kind: none }\naction: { kind: send-message, channel: email, template: ${template} }\n`;

  function withTemplate(dir: string, name: string, body: string) {
    mkdirSync(join(dir, 'templates', name));
    writeFileSync(join(dir, 'templates', name, 'en.yaml'), body);
  }

  it('refuses a customer.registered template that reads trigger.interaction, naming file and variable', () => {
    const dir = copyOfWorkflows();
    withTemplate(
      dir,
      'welcome',
      'subject: "Welcome"\ntext: "Thanks for your {{ trigger.interaction.type }}"\n',
    );
    writeFileSync(join(dir, 'automations', 'welcome.yaml'), welcome('welcome'));

    expect(() => loadCatalog(dir)).toThrowError(
      "templates/welcome/en.yaml: uses 'trigger.interaction.type', which automation 'welcome' (automations/welcome.yaml) cannot provide: it is triggered by customer.registered, whose trigger has event",
    );
  });

  it('finds a variable used only in a branch a sample render would not take', () => {
    const dir = copyOfWorkflows();
    withTemplate(
      dir,
      'welcome',
      'subject: Welcome\ntext: "{% if customer.locale == \'xx\' %}{{ trigger.interaction.agentName }}{% endif %}"\n',
    );
    writeFileSync(join(dir, 'automations', 'welcome.yaml'), welcome('welcome'));

    expect(() => loadCatalog(dir)).toThrowError(/uses 'trigger\.interaction\.agentName'/);
  });

  it('lets a template read declared attributes, and refuses undeclared ones', () => {
    const dir = copyOfWorkflows();
    withTemplate(
      dir,
      'welcome',
      'subject: "{{ customer.attributes.segment }}"\ntext: "{{ customer.attributes.vip }}"\n',
    );
    writeFileSync(join(dir, 'automations', 'welcome.yaml'), welcome('welcome'));

    expect(() => loadCatalog(dir)).toThrowError(
      /welcome\/en\.yaml: uses 'customer\.attributes\.vip'.*attribute 'vip' is not declared in attributes\.yaml/,
    );
    // Appended: the shipped automations read the attributes already declared there.
    appendFileSync(
      join(dir, 'attributes.yaml'),
      '  vip: { type: boolean, description: v, example: true }\n',
    );
    expect(loadCatalog(dir).automation('welcome')?.enabled).toBe(true);
  });

  it('refuses a condition on a fact the trigger does not have', () => {
    const dir = copyOfWorkflows();
    withTemplate(dir, 'welcome', 'subject: Welcome\ntext: Hi\n');
    writeFileSync(
      join(dir, 'automations', 'welcome.yaml'),
      welcome('welcome', 'conditions:\n  - { fact: interaction.type, op: equals, value: visit }\n'),
    );

    expect(() => loadCatalog(dir)).toThrowError(
      /welcome\.yaml: conditions\.0\.fact 'interaction\.type' does not exist: automations triggered by customer\.registered can read event\.\*, customer\.\*/,
    );
  });

  it('refuses an attribute declaration whose example is not of its type', () => {
    const dir = copyOfWorkflows();
    writeFileSync(
      join(dir, 'attributes.yaml'),
      'attributes:\n  warrantyEnds: { type: date, description: d, example: next year }\n',
    );

    expect(() => loadCatalog(dir)).toThrowError(
      /attributes\.yaml: attributes\.warrantyEnds\.example: must be a date written YYYY-MM-DD/,
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

describe('the events table in docs/events.md', () => {
  it('is committed up to date with the event registry (run npm run schema after changing it)', () => {
    const committed = readFileSync(
      join(REPOSITORY_WORKFLOWS_DIR, '..', 'docs', 'events.md'),
      'utf8',
    );

    expect(committed).toBe(eventsDoc());
  });

  it('lists every event type of the registry, and marks exactly the trigger events', () => {
    const doc = eventsDoc();

    for (const definition of EVENT_DEFINITIONS) {
      expect(doc).toContain(`| \`${definition.type}\` |`);
    }
    expect(doc.match(/\| yes \|/g)).toHaveLength(TriggerEventType.options.length);
  });
});
