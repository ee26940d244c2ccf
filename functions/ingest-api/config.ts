import { z } from 'zod';
import { TableConfig } from '../shared/config.ts';

export const IngestConfig = z.object({ ...TableConfig });
export type IngestConfig = z.infer<typeof IngestConfig>;
