import * as z from 'zod';
import { TableConfig } from '../shared/config.ts';

export const FeedbackConfig = z.object({ ...TableConfig });
export type FeedbackConfig = z.infer<typeof FeedbackConfig>;
