import type { LinkProblem, PreferencesDeps } from '../../core/use-cases/preferences/open-link.ts';
import { savePreferences } from '../../core/use-cases/preferences/save.ts';
import { showPreferences } from '../../core/use-cases/preferences/show.ts';
import {
  previewUnsubscribe,
  type UnsubscribePreview,
  type UnsubscribeResult,
  unsubscribe,
} from '../../core/use-cases/preferences/unsubscribe.ts';
import type { HttpEvent, HttpResult } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { html } from '../shared/pages/headers.ts';
import { type PageHandler, pageRouter } from '../shared/pages/router.ts';
import { COPY, type Language, languageFromHeader, languageOf } from './copy.ts';
import { isOneClickPost, preferencesFormOf } from './form.ts';
import { preferencesHtml, problemHtml, unsubscribeHtml } from './pages.ts';
import { isPublicPagePath, PREFERENCES_ROUTES, type PreferencesRouteName } from './route-table.ts';

/** Tampered is refused outright; expired is gone for good; the others are bad requests. */
const PROBLEM_STATUS: Readonly<Record<LinkProblem, number>> = {
  malformed: 400,
  'wrong-purpose': 400,
  tampered: 403,
  'customer-not-found': 404,
  expired: 410,
};

function linkProblem(event: HttpEvent, problem: LinkProblem): HttpResult {
  logger.info('link refused', { route: event.requestContext.http.method, problem });
  const lang = languageFromHeader(event.headers?.['accept-language']);
  return html(PROBLEM_STATUS[problem], problemHtml(lang, COPY[lang].linkProblem[problem]));
}

const tokenOf = (event: HttpEvent) => event.pathParameters?.token ?? '';

function unsubscribePage(
  result: Extract<UnsubscribePreview | UnsubscribeResult, { kind: 'confirm' | 'unsubscribed' }>,
): HttpResult {
  const lang: Language = languageOf(result.locale);
  const t = COPY[lang];
  const topic = result.leaving.kind === 'topic' ? result.leaving.topic.label[lang] : undefined;
  const done = result.kind === 'unsubscribed';
  const message = !done
    ? topic === undefined
      ? t.leaveEmail
      : t.leaveTopic(topic)
    : result.already
      ? t.alreadyLeft
      : topic === undefined
        ? t.leftEmail
        : t.leftTopic(topic);
  return html(
    200,
    unsubscribeHtml(lang, { done, message, preferencesToken: result.preferencesToken }),
  );
}

/** The public pages: thin adapters from HTTP to the preferences use cases, one per route. */
export function createPreferencesPageHandler(deps: PreferencesDeps) {
  const handlers: Record<PreferencesRouteName, PageHandler> = {
    showPreferences: async (event) => {
      const result = await showPreferences(deps, tokenOf(event));
      if (result.kind === 'invalid-link') return linkProblem(event, result.problem);
      return html(200, preferencesHtml(result.view, languageOf(result.view.locale)));
    },
    savePreferences: async (event) => {
      const result = await savePreferences(deps, tokenOf(event), preferencesFormOf(event));
      if (result.kind === 'invalid-link') return linkProblem(event, result.problem);
      const lang = languageOf(result.view.locale);
      const t = COPY[lang];
      switch (result.kind) {
        case 'invalid-form':
          return html(
            400,
            preferencesHtml(result.view, lang, { error: t.formProblem[result.problem] }),
          );
        case 'conflict':
          return html(409, preferencesHtml(result.view, lang, { error: t.conflict }));
        case 'saved':
          logger.info('preferences saved', {
            customerId: result.view.customerId,
            set: result.set,
            consent: result.consent,
          });
          return html(200, preferencesHtml(result.view, lang, { notice: t.saved }));
        default:
          return result satisfies never;
      }
    },
    confirmUnsubscribe: async (event) => {
      const result = await previewUnsubscribe(deps, tokenOf(event));
      return result.kind === 'invalid-link'
        ? linkProblem(event, result.problem)
        : unsubscribePage(result);
    },
    unsubscribe: async (event) => {
      if (!isOneClickPost(event)) {
        const lang = languageFromHeader(event.headers?.['accept-language']);
        return html(400, problemHtml(lang, COPY[lang].linkProblem['bad-request']));
      }
      const result = await unsubscribe(deps, tokenOf(event));
      if (result.kind === 'invalid-link') return linkProblem(event, result.problem);
      logger.info('unsubscribed', { leaving: result.leaving, already: result.already });
      return unsubscribePage(result);
    },
  };

  return pageRouter({
    routes: PREFERENCES_ROUTES,
    handlers,
    failureMessage: 'page request failed',
    failed: (lang) => html(500, problemHtml(lang, COPY[lang].failed)),
    notFound: (path) => {
      const lang: Language = 'en';
      return isPublicPagePath(path)
        ? html(405, problemHtml(lang, COPY[lang].linkProblem['bad-request']), {
            allow: 'GET, POST',
          })
        : html(404, problemHtml(lang, COPY[lang].linkProblem['not-found']));
    },
  });
}
