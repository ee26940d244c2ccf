import type { Customer } from '../../core/customer/customer-view.ts';
import { type LinkPayload, signLink } from '../../core/messaging/links.ts';
import type { Clock, CustomerStore } from '../../core/ports.ts';
import { type SurveyPolicy, wordingFor } from '../../core/surveys/policy.ts';
import {
  MAX_COMMENT_LENGTH,
  type SurveyKind,
  type SurveyResponseStore,
} from '../../core/surveys/response.ts';
import { type LinkProblem, openLink } from '../../core/use-cases/preferences/open-link.ts';
import { recordSurveyResponse } from '../../core/use-cases/surveys/record-response.ts';
import type { HttpEvent, HttpResult } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { formFields } from '../shared/pages/form.ts';
import { html } from '../shared/pages/headers.ts';
import { languageFromHeader, languageOf } from '../shared/pages/language.ts';
import { problemHtml } from '../shared/pages/layout.ts';
import { type PageHandler, pageRouter } from '../shared/pages/router.ts';
import { SURVEY_COPY } from './copy.ts';
import { type SurveyPageView, surveyHtml, thanksHtml } from './pages.ts';
import { SURVEY_ROUTES, type SurveyRouteName } from './route-table.ts';

export interface SurveyPageDeps {
  readonly customers: CustomerStore;
  readonly responses: SurveyResponseStore;
  readonly clock: Clock;
  readonly linkKey: Uint8Array;
  /** The wording per locale and kind (workflows/surveys.yaml). */
  readonly policy: SurveyPolicy;
}

/** Tampered is refused outright; expired is gone for good; the others are bad requests. */
const PROBLEM_STATUS: Readonly<Record<LinkProblem, number>> = {
  malformed: 400,
  'wrong-purpose': 400,
  tampered: 403,
  'customer-not-found': 404,
  expired: 410,
};

interface OpenSurvey {
  readonly customer: Customer;
  readonly payload: LinkPayload;
  readonly interactionId: string;
  readonly kind: SurveyKind;
  readonly view: SurveyPageView;
}

const tokenOf = (event: HttpEvent) => event.pathParameters?.token ?? '';

/** The public survey page: verifies the signed link, then answers through the use case. */
export function createSurveyPageHandler(deps: SurveyPageDeps) {
  async function open(event: HttpEvent): Promise<OpenSurvey | HttpResult> {
    const opened = await openLink(deps, tokenOf(event), 'survey');
    if (!opened.ok) {
      logger.info('survey link refused', { problem: opened.problem });
      const lang = languageFromHeader(event.headers?.['accept-language']);
      return html(
        PROBLEM_STATUS[opened.problem],
        problemHtml(lang, SURVEY_COPY[lang].linkProblem[opened.problem]),
      );
    }
    const { customer, payload } = opened;
    // The link schema requires both on a survey link; checked again so the types say so.
    if (payload.i === undefined || payload.k === undefined) {
      const lang = languageOf(customer.locale);
      return html(400, problemHtml(lang, SURVEY_COPY[lang].linkProblem.malformed));
    }
    const lang = languageOf(customer.locale);
    const view = { lang, kind: payload.k, wording: wordingFor(deps.policy, payload.k, lang) };
    return { customer, payload, interactionId: payload.i, kind: payload.k, view };
  }

  async function answer(survey: OpenSurvey, score: number, comment: string | undefined) {
    const result = await recordSurveyResponse(deps, {
      customer: survey.customer,
      interactionId: survey.interactionId,
      kind: survey.kind,
      score,
      ...(comment === undefined ? {} : { comment }),
    });
    const t = SURVEY_COPY[survey.view.lang];
    switch (result.kind) {
      case 'invalid-score':
        return html(400, surveyHtml(survey.view, { error: t.invalidScore, comment }));
      case 'invalid-comment':
        return html(
          400,
          surveyHtml(survey.view, { error: t.invalidComment(MAX_COMMENT_LENGTH), comment }),
        );
      case 'recorded': {
        logger.info('survey answered', {
          customerId: survey.customer.id,
          interactionId: survey.interactionId,
          kind: survey.kind,
          score,
          emitted: result.emitted,
        });
        const { s: _score, ...page } = survey.payload;
        return html(
          200,
          thanksHtml(survey.view, {
            score,
            comment: result.response.comment,
            pageToken: signLink(page, deps.linkKey),
          }),
        );
      }
      default:
        return result satisfies never;
    }
  }

  const handlers: Record<SurveyRouteName, PageHandler> = {
    showSurvey: async (event) => {
      const survey = await open(event);
      if (!('customer' in survey)) return survey;
      // A per-score link from the email answers at once: that is the one click.
      if (survey.payload.s !== undefined) return answer(survey, survey.payload.s, undefined);
      const previous = await deps.responses.response(survey.customer.id, survey.interactionId);
      return html(200, surveyHtml(survey.view, { previousScore: previous?.score }));
    },
    answerSurvey: async (event) => {
      const survey = await open(event);
      if (!('customer' in survey)) return survey;
      const fields = formFields(event);
      const given = fields?.get('score');
      const score = given ? Number(given) : survey.payload.s;
      if (score === undefined || Number.isNaN(score)) {
        const t = SURVEY_COPY[survey.view.lang];
        const comment = fields?.get('comment') ?? undefined;
        return html(400, surveyHtml(survey.view, { error: t.invalidScore, comment }));
      }
      return answer(survey, score, fields?.get('comment') ?? undefined);
    },
  };

  return pageRouter({
    routes: SURVEY_ROUTES,
    handlers,
    failureMessage: 'survey page request failed',
    failed: (lang) => html(500, problemHtml(lang, SURVEY_COPY[lang].failed)),
    notFound: () =>
      html(404, problemHtml('en', SURVEY_COPY.en.linkProblem['not-found']), {
        allow: 'GET, POST',
      }),
  });
}
