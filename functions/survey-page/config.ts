import * as z from 'zod';
import { TableConfig } from '../shared/config.ts';

export const SurveyPageConfig = z.object({
  ...TableConfig,
  /** Where workflows/surveys.yaml (the wording per locale) was copied into the bundle. */
  RAPPORT_WORKFLOWS_DIR: z.string().optional(),
  /** The Secrets Manager secret holding the link-signing key (AWS only; locally a key file). */
  RAPPORT_LINK_KEY_SECRET_ARN: z.string().startsWith('arn:').optional(),
});
export type SurveyPageConfig = z.infer<typeof SurveyPageConfig>;
