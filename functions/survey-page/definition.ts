import { DynamoSurveyResponseStore } from '../adapters/dynamodb/survey-response-store.ts';
import { defineFunction, type Platform } from '../shared/platform.ts';
import { dynamoStores } from '../shared/stores.ts';
import { createSurveyPageHandler } from './app.ts';
import { SurveyPageConfig } from './config.ts';

export const surveyPage = defineFunction({
  name: 'survey-page',
  description: 'Rapport survey page: answers from signed links (public; signed links only)',
  config: SurveyPageConfig,
  // The wording per locale comes from workflows/surveys.yaml.
  shipsWorkflowFiles: true,
  // Reads the composed customer (Query), the stored answer and the interaction (GetItem); the
  // answer and its survey.answered event are one TransactWriteItems of Puts.
  tableActions: ['Query', 'GetItem', 'PutItem'],
  create: (
    config: SurveyPageConfig,
    platform: Pick<Platform, 'clock' | 'dynamo' | 'catalog' | 'linkKey'>,
  ) => {
    const db = platform.dynamo();
    return createSurveyPageHandler({
      customers: dynamoStores(db, config.RAPPORT_TABLE_NAME).customers,
      responses: new DynamoSurveyResponseStore(db, config.RAPPORT_TABLE_NAME),
      clock: platform.clock,
      linkKey: platform.linkKey,
      // The wording per locale and kind: workflows/surveys.yaml, loaded with the catalog.
      policy: platform.catalog(config.RAPPORT_WORKFLOWS_DIR).surveys,
    });
  },
});
