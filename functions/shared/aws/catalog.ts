import { join } from 'node:path';
import type { Catalog } from '../../../core/catalog/catalog.ts';
import { loadCatalog } from '../../../workflows/catalog-loader.ts';

/** In Lambda the workflow files sit beside the bundle (the CDK copies them there). */
export function bundledCatalog(dir: string | undefined): Catalog {
  return loadCatalog(dir ?? join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), 'workflows'));
}
