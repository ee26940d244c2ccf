import { Liquid } from 'liquidjs';
import type { PreferencesView } from '../../core/use-cases/preferences/view.ts';
import { COPY, type Language } from './copy.ts';

// Every `{{ }}` is HTML-escaped (outputEscape); only the layout's `content`, itself rendered by
// this engine, is inserted raw. Strict variables turn a typo into an error, not a blank.
const liquid = new Liquid({ strictVariables: true, strictFilters: true, outputEscape: 'escape' });

const layout = liquid.parse(`<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; margin: 0; color: #1b1b1b; background: #f6f6f4; }
main { max-width: 38rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
fieldset { border: 1px solid #bbb; border-radius: .5rem; margin: 0 0 1.25rem; padding: .75rem 1rem; background: #fff; }
legend { font-weight: 600; padding: 0 .25rem; }
label { cursor: pointer; }
.row { margin: .4rem 0; }
.help, .hint { color: #555; font-size: .9rem; }
select, button { font: inherit; }
button { background: #1d4ed8; color: #fff; border: 0; border-radius: .4rem; padding: .6rem 1.2rem; cursor: pointer; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.status { background: #dcfce7; border-left: 4px solid #15803d; padding: .5rem .75rem; }
.alert { background: #fee2e2; border-left: 4px solid #b91c1c; padding: .5rem .75rem; }
</style>
</head>
<body><main>
{{ content | raw }}
</main></body>
</html>`);

const preferencesPage = liquid.parse(`<h1>{{ t.title }}</h1>
{% if notice != '' %}<p class="status" role="status">{{ notice }}</p>{% endif %}
{% if error != '' %}<p class="alert" role="alert">{{ error }}</p>{% endif %}
<p>{{ hello }}</p>
<form method="post">
<fieldset>
<legend>{{ t.orderLegend }}</legend>
<p class="help" id="order-help">{{ t.orderHelp }}</p>
{% for position in positions %}<div class="row">
<label for="order-{{ forloop.index }}">{{ position.label }}</label>
<select id="order-{{ forloop.index }}" name="order" aria-describedby="order-help">
{% for option in channels %}<option value="{{ option.channel }}"{% if option.channel == position.channel %} selected{% endif %}>{{ option.name }}</option>
{% endfor %}</select>
</div>
{% endfor %}</fieldset>
<fieldset>
<legend>{{ t.allowLegend }}</legend>
<p class="help">{{ t.allowHelp }}</p>
{% for option in channels %}<div class="row">
<input type="checkbox" id="allow-{{ option.channel }}" name="allow" value="{{ option.channel }}"{% if option.allowed %} checked{% endif %}>
<label for="allow-{{ option.channel }}">{{ option.name }} <span class="hint">{{ option.hint }}</span></label>
</div>
{% endfor %}</fieldset>
<fieldset>
<legend>{{ t.frequencyLegend }}</legend>
{% for option in frequencies %}<div class="row">
<input type="radio" id="frequency-{{ option.value }}" name="frequency" value="{{ option.value }}"{% if option.checked %} checked{% endif %}>
<label for="frequency-{{ option.value }}">{{ option.label }}</label>
</div>
{% endfor %}</fieldset>
<fieldset>
<legend>{{ t.topicsLegend }}</legend>
<p class="help">{{ t.topicsHelp }}</p>
{% for topic in topics %}<div class="row">
<input type="checkbox" id="topic-{{ topic.id }}" name="topics" value="{{ topic.id }}"{% if topic.subscribed %} checked{% endif %}>
<label for="topic-{{ topic.id }}">{{ topic.label }}</label>
</div>
{% endfor %}</fieldset>
<button type="submit">{{ t.save }}</button>
</form>`);

const unsubscribePage = liquid.parse(`<h1>{{ title }}</h1>
{% if done %}<p class="status" role="status">{{ message }}</p>{% else %}<p>{{ message }}</p>
<form method="post">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">{{ button }}</button>
</form>{% endif %}
<p><a href="../preferences/{{ preferencesToken }}">{{ choose }}</a></p>`);

const problemPage = liquid.parse(`<h1>{{ title }}</h1>
<p>{{ text }}</p>`);

function page(lang: Language, title: string, content: string): string {
  return liquid.renderSync(layout, { lang, title, content });
}

export interface PageNotes {
  /** Shown as a status (`role="status"`): the save worked. */
  readonly notice?: string;
  /** Shown as an alert (`role="alert"`): what to fix. */
  readonly error?: string;
}

export function preferencesHtml(view: PreferencesView, lang: Language, notes: PageNotes = {}) {
  const t = COPY[lang];
  const channels = view.channels.map((option) => ({ ...option, name: t.channel[option.channel] }));
  const content = liquid.renderSync(preferencesPage, {
    t,
    notice: notes.notice ?? '',
    error: notes.error ?? '',
    hello: t.hello(view.firstName),
    channels,
    positions: channels.map((option, index) => ({
      label: t.position(index + 1),
      channel: option.channel,
    })),
    frequencies: (['any', 'weekly', 'monthly'] as const).map((value) => ({
      value,
      label: t.frequency[value],
      checked: value === view.frequency,
    })),
    topics: view.topics.map((topic) => ({
      id: topic.id,
      label: topic.label[lang],
      subscribed: topic.subscribed,
    })),
  });
  return page(lang, t.title, content);
}

export interface UnsubscribeNotes {
  readonly done: boolean;
  readonly message: string;
  readonly preferencesToken: string;
}

export function unsubscribeHtml(lang: Language, notes: UnsubscribeNotes): string {
  const t = COPY[lang];
  const content = liquid.renderSync(unsubscribePage, {
    ...notes,
    title: t.unsubscribeTitle,
    button: t.unsubscribeButton,
    choose: t.choose,
  });
  return page(lang, t.unsubscribeTitle, content);
}

export function problemHtml(lang: Language, problem: { title: string; text: string }): string {
  return page(lang, problem.title, liquid.renderSync(problemPage, problem));
}
