import type { Catalog } from '../../../core/catalog/catalog.ts';
import { loadCatalog } from '../../../workflows/catalog-loader.ts';
import { workflowsDir } from '../config.ts';

/** In Lambda the workflow files sit beside the bundle (the CDK copies them there). */
export function bundledCatalog(dir: string | undefined): Catalog {
  return loadCatalog(workflowsDir(dir));
}
