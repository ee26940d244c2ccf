import type { Construct } from 'constructs';
import { preferencesPage } from '../../functions/preferences-page/definition.ts';
import { PREFERENCES_ROUTES } from '../../functions/preferences-page/route-table.ts';
import { PublicPage, type PublicPageProps } from './public-page.ts';

export type PreferencesPageProps = PublicPageProps;

/**
 * The customers' side of messaging: the preferences page and the RFC 8058 one-click unsubscribe,
 * served on the same HTTP API as the ingest routes. Mail providers post the one-click unsubscribe
 * themselves, with no credentials either.
 */
export class PreferencesPage extends PublicPage {
  constructor(scope: Construct, id: string, props: PreferencesPageProps) {
    super(scope, id, {
      ...props,
      definition: preferencesPage,
      routes: PREFERENCES_ROUTES,
      // Its logical id derives from this id: renaming it would replace the deployed integration.
      integrationId: 'Pages',
      whyPublic:
        'Public by design: customers and their mail providers (RFC 8058 one-click unsubscribe) ' +
        'call these routes without AWS credentials. The function trusts only the HMAC-SHA256 ' +
        'signature of the expiring token in the path, verified before anything is read; a ' +
        'tampered or expired token writes nothing.',
    });
  }
}
