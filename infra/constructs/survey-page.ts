import type { Construct } from 'constructs';
import { surveyPage } from '../../functions/survey-page/definition.ts';
import { SURVEY_ROUTES } from '../../functions/survey-page/route-table.ts';
import { PublicPage, type PublicPageProps } from './public-page.ts';

export type SurveyPageProps = PublicPageProps;

/**
 * The survey page: customers answer from the invitation's links (the page, or one link per score)
 * on public routes of the HTTP API. The token names one customer, one interaction and the survey
 * kind.
 */
export class SurveyPage extends PublicPage {
  constructor(scope: Construct, id: string, props: SurveyPageProps) {
    super(scope, id, {
      ...props,
      definition: surveyPage,
      routes: SURVEY_ROUTES,
      integrationId: 'Survey',
      whyPublic:
        'Public by design: customers answer surveys from an email without AWS credentials. The ' +
        'function trusts only the HMAC-SHA256 signature of the expiring token in the path, ' +
        'verified before anything is read; a tampered or expired token writes nothing.',
    });
  }
}
