import type { Node } from 'constructs';
import { contextKey, type SettingsInput } from './settings.ts';

const TEXT_SETTINGS = [
  'senderAddress',
  'senderName',
  'sesIdentity',
  'sesConfigurationSet',
  'smsOriginationIdentity',
  'smsConfigurationSet',
  'defaultTimeZone',
  'alarmEmail',
  'tierSchedule',
  'tierTimeZone',
] as const;
const NUMBER_SETTINGS = [
  'flexibleWindowMinutes',
  'logRetentionDays',
  'sesSendRatePerSecond',
  'dispatchConcurrency',
] as const;

/**
 * Reads the `rapport:*` context values (cdk.json or `-c key=value`). `-c` always passes text, so
 * numeric-looking text becomes a number; anything else is left for resolveSettings to reject
 * with the key's name. An empty value means "use the default".
 */
export function settingsFromContext(node: Node): SettingsInput {
  const settings: Record<string, unknown> = {};
  for (const name of [...TEXT_SETTINGS, ...NUMBER_SETTINGS]) {
    const value: unknown = node.tryGetContext(contextKey(name));
    if (value === undefined || value === null || value === '') continue;
    settings[name] = (NUMBER_SETTINGS as readonly string[]).includes(name)
      ? toNumber(value)
      : value;
  }
  return settings as SettingsInput;
}

function toNumber(value: unknown): unknown {
  return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
}
