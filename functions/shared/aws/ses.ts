import { SESv2Client } from '@aws-sdk/client-sesv2';
import { CLIENT_CONFIG, once } from './client-config.ts';

export const awsSes = once(() => new SESv2Client(CLIENT_CONFIG));
