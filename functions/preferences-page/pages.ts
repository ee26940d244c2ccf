import type { PreferencesView } from '../../core/use-cases/preferences/view.ts';
import type { Language } from '../shared/pages/language.ts';
import { liquid, renderPage } from '../shared/pages/layout.ts';
import { COPY } from './copy.ts';

export { problemHtml } from '../shared/pages/layout.ts';

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
  return renderPage(lang, t.title, content);
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
  return renderPage(lang, t.unsubscribeTitle, content);
}
