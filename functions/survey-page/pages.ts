import type { SurveyWording } from '../../core/surveys/policy.ts';
import { MAX_COMMENT_LENGTH, type SurveyKind, scoresOf } from '../../core/surveys/response.ts';
import type { Language } from '../shared/pages/language.ts';
import { liquid, renderPage } from '../shared/pages/layout.ts';
import { SURVEY_COPY } from './copy.ts';

const STYLE = `.scale { display: flex; flex-wrap: wrap; gap: .4rem; margin: .5rem 0; }
.scale button { min-width: 2.75rem; padding: .6rem .7rem; }
.ends { display: flex; justify-content: space-between; color: #555; font-size: .9rem; }
textarea { width: 100%; box-sizing: border-box; min-height: 6rem; }`;

// One submit button per score: one click (or Tab and Enter) answers, with no JavaScript. The
// comment sits above the scale so that whoever writes one sends it with the score.
const surveyPage = liquid.parse(`<h1>{{ t.title }}</h1>
{% if error != '' %}<p class="alert" role="alert">{{ error }}</p>{% endif %}
{% if previous != '' %}<p class="status" role="status">{{ previous }}</p>{% endif %}
<form method="post">
<p class="row"><label for="comment">{{ wording.commentPrompt }}</label>
<textarea id="comment" name="comment" maxlength="{{ max }}" aria-describedby="comment-help">{{ comment }}</textarea>
<span class="help" id="comment-help">{{ t.commentHelp }}</span></p>
<fieldset>
<legend id="question">{{ wording.question }}</legend>
<p class="help" id="score-help">{{ t.scoreHelp }}</p>
<div class="scale" role="group" aria-labelledby="question" aria-describedby="score-help">
{% for score in scores %}<button type="submit" name="score" value="{{ score.value }}" aria-label="{{ score.label }}">{{ score.value }}</button>
{% endfor %}</div>
<div class="ends" aria-hidden="true"><span>{{ wording.lowLabel }}</span><span>{{ wording.highLabel }}</span></div>
</fieldset>
</form>`);

const thanksPage = liquid.parse(`<h1>{{ wording.thanks }}</h1>
<p class="status" role="status">{{ recorded }}</p>
{% if comment == '' %}<form method="post">
<input type="hidden" name="score" value="{{ score }}">
<p class="row"><label for="comment">{{ wording.commentPrompt }}</label>
<textarea id="comment" name="comment" maxlength="{{ max }}" aria-describedby="comment-help"></textarea>
<span class="help" id="comment-help">{{ t.commentHelp }}</span></p>
<button type="submit">{{ t.sendComment }}</button>
</form>{% else %}<p>{{ t.commentReceived }}</p>
<blockquote>{{ comment }}</blockquote>{% endif %}
<p><a href="./{{ pageToken }}">{{ t.change }}</a></p>`);

export interface SurveyPageView {
  readonly lang: Language;
  readonly kind: SurveyKind;
  readonly wording: SurveyWording;
}

export interface SurveyNotes {
  readonly error?: string;
  /** The score already stored, if any. */
  readonly previousScore?: number;
  /** What the customer had typed, given back after an error. */
  readonly comment?: string;
}

export function surveyHtml(view: SurveyPageView, notes: SurveyNotes = {}): string {
  const t = SURVEY_COPY[view.lang];
  const scale = scoresOf(view.kind);
  const first = scale[0] ?? 0;
  const last = scale.at(-1) ?? 0;
  const content = liquid.renderSync(surveyPage, {
    t,
    wording: view.wording,
    error: notes.error ?? '',
    previous: notes.previousScore === undefined ? '' : t.previous(notes.previousScore),
    comment: notes.comment ?? '',
    max: MAX_COMMENT_LENGTH,
    scores: scale.map((value) => ({
      value,
      label: t.scoreButton(value, view.wording.lowLabel, view.wording.highLabel, first, last),
    })),
  });
  return renderPage(view.lang, t.title, content, STYLE);
}

export interface ThanksNotes {
  readonly score: number;
  readonly comment?: string;
  /** The survey link without a score: "change my answer" must not answer again by itself. */
  readonly pageToken: string;
}

export function thanksHtml(view: SurveyPageView, notes: ThanksNotes): string {
  const t = SURVEY_COPY[view.lang];
  const content = liquid.renderSync(thanksPage, {
    t,
    wording: view.wording,
    recorded: t.recorded(notes.score),
    score: notes.score,
    comment: notes.comment ?? '',
    pageToken: notes.pageToken,
    max: MAX_COMMENT_LENGTH,
  });
  return renderPage(view.lang, view.wording.thanks, content, STYLE);
}
