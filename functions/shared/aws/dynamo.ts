import { documentClient } from '../../adapters/dynamodb/client.ts';
import { once } from './client-config.ts';

export const awsDynamo = once(() => documentClient());
