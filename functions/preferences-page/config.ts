import * as z from 'zod';
import { TableConfig } from '../shared/config.ts';

export const PreferencesPageConfig = z.object({
  ...TableConfig,
  /** Where the messaging policy (topics, frequencies, channel order) was copied into the bundle. */
  RAPPORT_WORKFLOWS_DIR: z.string().optional(),
  /** The Secrets Manager secret holding the link-signing key (AWS only; locally a key file). */
  RAPPORT_LINK_KEY_SECRET_ARN: z.string().startsWith('arn:').optional(),
});
export type PreferencesPageConfig = z.infer<typeof PreferencesPageConfig>;
