import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../cli/io.ts';
import { runCli } from '../../cli/main.ts';
import { REPO, runRapport } from './run-cli.ts';

const BROKEN = 'test/fixtures/automations/broken';

/** Each broken fixture: where validate must point, and what it must say. */
const EXPECTED: readonly { file: string; line: number; says: string; hint: string }[] = [
  { file: 'yaml-syntax.yaml', line: 14, says: 'YAML: Flow sequence', hint: 'indentation' },
  { file: 'missing-owner.yaml', line: 2, says: 'owner is missing', hint: "add 'owner:'" },
  {
    file: 'unknown-field.yaml',
    line: 10,
    says: "unknown field 'delai'",
    hint: "did you mean 'delay'?",
  },
  {
    file: 'unknown-trigger.yaml',
    line: 9,
    says: "'interaction.recordd' is not allowed",
    hint: "did you mean 'interaction.recorded'?",
  },
  { file: 'bad-time.yaml', line: 12, says: 'delay.time: use 24-hour HH:mm', hint: '"10:00"' },
  {
    file: 'bad-duration.yaml',
    line: 12,
    says: 'delay.duration: use an ISO 8601 duration',
    hint: 'P3D (three days)',
  },
  {
    file: 'unknown-op.yaml',
    line: 12,
    says: "'equal' is not a known op",
    hint: "did you mean 'equals'?",
  },
  {
    file: 'empty-in.yaml',
    line: 13,
    says: 'an empty list can never match',
    hint: 'list the values',
  },
  {
    file: 'unknown-template.yaml',
    line: 19,
    says: "template 'next-day-folow-up' does not exist",
    hint: "did you mean 'next-day-follow-up'?",
  },
  {
    file: 'unknown-fact.yaml',
    line: 11,
    says: "fact 'interaction.typ' does not exist",
    hint: "did you mean 'interaction.type'?",
  },
  {
    file: 'undeclared-attribute.yaml',
    line: 14,
    says: "fact 'customer.attributes.vip' does not exist",
    hint: "declare 'vip' in workflows/attributes.yaml",
  },
  {
    file: 'contradictory-equals.yaml',
    line: 14,
    says: 'conditions.1 (interaction.type equals "visit") can never hold together with conditions.0',
    hint: 'use one `in`',
  },
  {
    file: 'impossible-value.yaml',
    line: 11,
    says: 'interaction.type is never "purchse"',
    hint: 'fix the value',
  },
  {
    file: 'number-on-text.yaml',
    line: 11,
    says: 'interaction.touchpoint is a string',
    hint: 'fix the value',
  },
  {
    file: 'template-variable.yaml',
    line: 15,
    says: "reads 'trigger.interaction.type' (workflows/templates/next-day-follow-up/en.yaml:5:12), which a customer.registered trigger cannot provide",
    hint: 'change the trigger or the template',
  },
  {
    file: 'overlap-b.yaml',
    line: 9,
    says: "overlaps 'broken-overlap-a'",
    hint: "higher 'priority'",
  },
  {
    file: 'zz-duplicate-id.yaml',
    line: 3,
    says: "id 'broken-overlap-a' is already used by",
    hint: 'its own id',
  },
  {
    file: 'marketing-no-topic.yaml',
    line: 17,
    says: 'a marketing automation needs action.topic',
    hint: 'docs/messaging.md',
  },
];

describe('npx rapport validate', () => {
  it('passes on the shipped automations and exits 0', async () => {
    const run = await runRapport(['validate']);
    expect(run.stdout).toMatch(
      /^ok: \d+ automations? and \d+ template files checked, no problems/m,
    );
    expect(run.code).toBe(0);
  });

  it('fails on the broken fixtures with exit 1, one file:line:column and hint per mistake', async () => {
    const run = await runRapport(['validate', BROKEN]);
    expect(run.code).toBe(1);
    for (const { file, line, says, hint } of EXPECTED) {
      const head = new RegExp(
        `^${escapeRegExp(`${BROKEN}/${file}:${line}:`)}\\d+: .*${escapeRegExp(says)}.*\\n  hint: .*${escapeRegExp(hint)}`,
        'm',
      );
      expect(run.stdout, file).toMatch(head);
    }
  });

  it('covers at least ten distinct mistakes, each fixture reported', async () => {
    const { io, text } = memoryIo({ cwd: REPO });
    expect(await runCli(['validate', BROKEN], io)).toBe(1);
    const reported = new Set(
      [...text().matchAll(/^test\/fixtures\/automations\/broken\/([^:]+):/gm)].map((m) => m[1]),
    );
    // overlap-a.yaml is fine alone: the overlap is reported on the second of the pair.
    expect(reported.size).toBeGreaterThanOrEqual(EXPECTED.length);
    expect(new Set(EXPECTED.map(({ says }) => says)).size).toBeGreaterThanOrEqual(10);
  });

  it('validates one file against the repository workflows folder', async () => {
    const { io, text } = memoryIo({ cwd: REPO });
    expect(await runCli(['validate', `${BROKEN}/overlap-a.yaml`], io)).toBe(0);
    expect(text()).toContain('ok: 1 automation and');
  });

  it('exits 2 on an unknown option, with the usage', async () => {
    const { io, errors } = memoryIo({ cwd: REPO });
    expect(await runCli(['validate', '--strictest'], io)).toBe(2);
    expect(errors()).toContain('Usage: npx rapport validate');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
