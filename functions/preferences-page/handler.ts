import { bundledCatalog } from '../shared/aws/catalog.ts';
import { newId, systemClock } from '../shared/aws/clock.ts';
import { awsDynamo } from '../shared/aws/dynamo.ts';
import { awsLinkKey } from '../shared/aws/link-key.ts';
import { readConfig } from '../shared/config.ts';
import { preferencesPage } from './definition.ts';

const config = readConfig(preferencesPage.config);

export const handler = preferencesPage.create(config, {
  clock: systemClock,
  newId,
  dynamo: awsDynamo,
  catalog: bundledCatalog,
  linkKey: await awsLinkKey(config.RAPPORT_LINK_KEY_SECRET_ARN),
});
