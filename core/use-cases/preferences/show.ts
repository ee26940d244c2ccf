import { type LinkProblem, openLink, type PreferencesDeps } from './open-link.ts';
import { type PreferencesView, preferencesView } from './view.ts';

export type ShowResult =
  | { readonly kind: 'invalid-link'; readonly problem: LinkProblem }
  | { readonly kind: 'page'; readonly view: PreferencesView };

/** The preferences page of a valid preferences link: reads only. */
export async function showPreferences(deps: PreferencesDeps, token: string): Promise<ShowResult> {
  const opened = await openLink(deps, token, 'preferences');
  if (!opened.ok) return { kind: 'invalid-link', problem: opened.problem };
  return { kind: 'page', view: preferencesView(opened.customer, deps.policy) };
}
