import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../../core/errors.ts';
import { DomainEvent, type EventOf } from '../../../core/events/registry.ts';
import type { Events } from '../../../core/ports.ts';
import {
  isValidScore,
  type SurveyResponse,
  type SurveyResponseStore,
  scoreClass,
  scoresOf,
} from '../../../core/surveys/response.ts';
import { recordSurveyResponse } from '../../../core/use-cases/surveys/record-response.ts';
import { aCustomer } from '../../support/builders.ts';

/** The store's contract in memory, with the optimistic condition the DynamoDB adapter enforces. */
class MemoryResponses implements SurveyResponseStore {
  readonly items = new Map<string, SurveyResponse>();
  readonly events: DomainEvent[] = [];
  /** Answers someone else writes just before our next save (a double click). */
  readonly interleaved: SurveyResponse[] = [];

  async response(customerId: string, interactionId: string) {
    return this.items.get(`${customerId}/${interactionId}`);
  }
  async saveResponse(response: SurveyResponse, previous: string | undefined, events: Events) {
    const other = this.interleaved.shift();
    if (other) this.items.set(`${other.customerId}/${other.interactionId}`, other);
    const key = `${response.customerId}/${response.interactionId}`;
    if (this.items.get(key)?.answeredAt !== previous) throw new ConflictError('changed');
    this.items.set(key, response);
    this.events.push(...events);
  }
  async surveyContext() {
    return { touchpoint: 'store', agent: { id: 'agent-3', name: 'Marta' } };
  }
  async responsesBetween() {
    return [...this.items.values()];
  }
}

const tick = () => {
  let at = Date.parse('2026-11-24T15:00:00Z');
  return () => {
    at += 1000;
    return new Date(at);
  };
};

const answer = (score: number, extra: { comment?: string; kind?: 'nps' | 'csat' } = {}) => ({
  customer: aCustomer({ locale: 'es-CO' }),
  interactionId: 'visit-1',
  kind: extra.kind ?? ('nps' as const),
  score,
  ...(extra.comment === undefined ? {} : { comment: extra.comment }),
});

describe('survey scores', () => {
  it('classes NPS 0-6 and CSAT 1-2 as detractors, NPS 9-10 and CSAT 4-5 as promoters', () => {
    expect(scoresOf('nps').map((s) => scoreClass('nps', s))).toEqual([
      ...Array(7).fill('detractor'),
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
    expect(scoresOf('csat').map((s) => scoreClass('csat', s))).toEqual([
      'detractor',
      'detractor',
      'passive',
      'promoter',
      'promoter',
    ]);
  });

  it('accepts only whole scores on the kind scale', () => {
    expect([0, 10, 3].every((s) => isValidScore('nps', s))).toBe(true);
    expect([-1, 11, 2.5, Number.NaN].some((s) => isValidScore('nps', s))).toBe(false);
    expect([0, 6].some((s) => isValidScore('csat', s))).toBe(false);
  });
});

describe('recording a survey response', () => {
  it('stores the answer with its context and emits survey.answered, a valid event, once', async () => {
    const responses = new MemoryResponses();
    const result = await recordSurveyResponse({ responses, clock: tick() }, answer(3));

    expect(result).toMatchObject({ kind: 'recorded', emitted: true });
    expect(await responses.response('ana-garcia', 'visit-1')).toMatchObject({
      score: 3,
      touchpoint: 'store',
      agent: { id: 'agent-3' },
      locale: 'es-CO',
    });
    const [event] = responses.events;
    expect(DomainEvent.parse(event)).toMatchObject({
      type: 'survey.answered',
      data: { score: 3, detractor: true, scoreClass: 'detractor', changed: false },
    });
  });

  it('updates rather than duplicates, keeps the comment on a one-click re-answer, and emits only on a class change', async () => {
    const responses = new MemoryResponses();
    const deps = { responses, clock: tick() };
    await recordSurveyResponse(deps, answer(3));
    await recordSurveyResponse(deps, answer(2, { comment: '  Slow service.  ' }));
    await recordSurveyResponse(deps, answer(4));
    await recordSurveyResponse(deps, answer(10));

    expect(responses.items.size).toBe(1);
    const stored = await responses.response('ana-garcia', 'visit-1');
    expect(stored).toMatchObject({ score: 10, comment: 'Slow service.' });
    expect(stored?.firstAnsweredAt).toBe('2026-11-24T15:00:01.000Z');
    const emitted = responses.events as EventOf<'survey.answered'>[];
    expect(emitted.map((e) => [e.data.score, e.data.changed])).toEqual([
      [3, false],
      [10, true],
    ]);
  });

  it('retries once when another answer lands first, so only one of them is the first', async () => {
    const responses = new MemoryResponses();
    const clock = tick();
    const other = await recordSurveyResponse(
      { responses: new MemoryResponses(), clock },
      answer(9),
    );
    if (other.kind !== 'recorded') throw new Error('setup');
    responses.interleaved.push(other.response);

    const result = await recordSurveyResponse({ responses, clock }, answer(1));

    expect(result).toMatchObject({ kind: 'recorded', emitted: true });
    const [event] = responses.events as EventOf<'survey.answered'>[];
    expect(event?.data).toMatchObject({ score: 1, changed: true });
  });

  it('refuses a score off the scale and a comment with control characters, writing nothing', async () => {
    const responses = new MemoryResponses();
    const deps = { responses, clock: tick() };
    expect(await recordSurveyResponse(deps, answer(6, { kind: 'csat' }))).toEqual({
      kind: 'invalid-score',
    });
    expect(await recordSurveyResponse(deps, answer(5, { comment: 'a\u0000b' }))).toEqual({
      kind: 'invalid-comment',
    });
    expect(responses.items.size).toBe(0);
    expect(responses.events).toEqual([]);
  });
});
