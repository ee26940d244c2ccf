import { Liquid } from 'liquidjs';
import type { Language } from './language.ts';

// Every `{{ }}` is HTML-escaped (outputEscape); only the layout's `content`, itself rendered by
// this engine, is inserted raw. Strict variables turn a typo into an error, not a blank.
export const liquid = new Liquid({
  strictVariables: true,
  strictFilters: true,
  outputEscape: 'escape',
});

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
select, button, textarea { font: inherit; }
button { background: #1d4ed8; color: #fff; border: 0; border-radius: .4rem; padding: .6rem 1.2rem; cursor: pointer; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.status { background: #dcfce7; border-left: 4px solid #15803d; padding: .5rem .75rem; }
.alert { background: #fee2e2; border-left: 4px solid #b91c1c; padding: .5rem .75rem; }
{{ style | raw }}
</style>
</head>
<body><main>
{{ content | raw }}
</main></body>
</html>`);

const problemPage = liquid.parse(`<h1>{{ title }}</h1>
<p>{{ text }}</p>`);

/**
 * A whole page around `content` (already rendered by `liquid`). `style` is the page's own CSS, a
 * constant from code, never from input.
 */
export function renderPage(lang: Language, title: string, content: string, style = ''): string {
  return liquid.renderSync(layout, { lang, title, content, style });
}

/** A page that only explains: a bad link, a failure. */
export function problemHtml(lang: Language, problem: { title: string; text: string }): string {
  return renderPage(lang, problem.title, liquid.renderSync(problemPage, problem));
}
