import * as z from 'zod';
import { CatalogConfig, SchedulingConfig, TableConfig } from '../shared/config.ts';

export const EngineConfig = z.object({ ...TableConfig, ...CatalogConfig, ...SchedulingConfig });
export type EngineConfig = z.infer<typeof EngineConfig>;
