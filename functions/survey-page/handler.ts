import { bundledCatalog } from '../shared/aws/catalog.ts';
import { systemClock } from '../shared/aws/clock.ts';
import { awsDynamo } from '../shared/aws/dynamo.ts';
import { awsLinkKey } from '../shared/aws/link-key.ts';
import { readConfig } from '../shared/config.ts';
import { surveyPage } from './definition.ts';

const config = readConfig(surveyPage.config);

export const handler = surveyPage.create(config, {
  clock: systemClock,
  dynamo: awsDynamo,
  catalog: bundledCatalog,
  linkKey: await awsLinkKey(config.RAPPORT_LINK_KEY_SECRET_ARN),
});
