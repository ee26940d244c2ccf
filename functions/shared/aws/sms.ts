import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { CLIENT_CONFIG, once } from './client-config.ts';

/** AWS End User Messaging SMS (the Pinpoint SMS and Voice v2 API). */
export const awsSms = once(() => new PinpointSMSVoiceV2Client(CLIENT_CONFIG));
