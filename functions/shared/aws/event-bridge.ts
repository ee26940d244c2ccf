import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { CLIENT_CONFIG, once } from './client-config.ts';

export const awsEventBridge = once(() => new EventBridgeClient(CLIENT_CONFIG));
