import { awsDynamo } from '../shared/aws/dynamo.ts';
import { readConfig } from '../shared/config.ts';
import { deliveryFeedback } from './definition.ts';

export const handler = deliveryFeedback.create(readConfig(deliveryFeedback.config), {
  dynamo: awsDynamo,
});
