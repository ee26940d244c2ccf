import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  DEFAULT_SURVEY_POLICY,
  parseSurveyPolicy,
  qualifyingFor,
  wordingFor,
} from '../../../core/surveys/policy.ts';
import { anAutomation, testCatalog } from '../../support/catalogs.ts';

const shipped = parse(
  readFileSync(join(import.meta.dirname, '../../../workflows/surveys.yaml'), 'utf8'),
);

describe('the survey policy (workflows/surveys.yaml)', () => {
  it('loads the shipped file with the documented defaults', () => {
    const problems: string[] = [];
    const policy = parseSurveyPolicy({ file: 'surveys.yaml', data: shipped }, problems);
    expect(problems).toEqual([]);
    expect(policy.window).toEqual({ start: '10:00', end: '12:00' });
    expect(policy.fatigueDays).toBe(30);
    expect(policy.linkDays).toBe(14);
    expect(qualifyingFor(policy, 'support')).toEqual({ kind: 'csat', relevance: 90 });
    expect(qualifyingFor(policy, 'quote')).toBeUndefined();
  });

  it('words the survey in the customer’s language, falling back to English', () => {
    const policy = parseSurveyPolicy({ file: 'surveys.yaml', data: shipped }, []);
    expect(wordingFor(policy, 'nps', 'es-CO').question).toMatch(/recomiende/);
    expect(wordingFor(policy, 'csat', 'pt-BR').question).toMatch(/satisfied/);
  });

  it('names the file and field of a mistake, and a missing en wording', () => {
    const problems: string[] = [];
    parseSurveyPolicy(
      {
        file: 'surveys.yaml',
        data: {
          ...shipped,
          window: { start: '25:00', end: '12:00' },
          wording: { es: shipped.wording.es },
        },
      },
      problems,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^surveys\.yaml: .*window\.start: use 24-hour HH:mm/);
    expect(problems[0]).toMatch(/wording.*en wording/);
  });

  it('refuses a type that is not an interaction type, and a locale missing a kind', () => {
    const problems: string[] = [];
    parseSurveyPolicy(
      {
        file: 'surveys.yaml',
        data: {
          qualifying: { teleport: { kind: 'nps' } },
          wording: { en: shipped.wording.en, es: { nps: shipped.wording.es.nps } },
        },
      },
      problems,
    );
    expect(problems[0]).toMatch(/qualifying/);
    expect(problems[0]).toMatch(/wording\.es\.csat/);
  });

  it('applies the defaults without a file', () => {
    expect(parseSurveyPolicy(undefined, [])).toBe(DEFAULT_SURVEY_POLICY);
  });
});

describe('survey invitations in the catalog', () => {
  const survey = { kind: 'send-message', channel: 'email', template: 'hello', survey: true };

  it('accepts a survey invitation on interaction.recorded, with surveys.yaml in the catalog', () => {
    const catalog = testCatalog([anAutomation({ action: survey })]);
    expect(catalog.surveys.fatigueDays).toBe(30);
  });

  it('refuses a survey invitation whose trigger has no interaction to ask about', () => {
    expect(() =>
      testCatalog([
        anAutomation({
          trigger: { event: 'tier.changed' },
          delay: { kind: 'none' },
          action: survey,
        }),
      ]),
    ).toThrow(/a survey invitation \(action.survey\) needs trigger.event interaction.recorded/);
  });
});
