import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { automationJsonSchema } from '../workflows/automation-json-schema.ts';
import { REPOSITORY_WORKFLOWS_DIR } from '../workflows/catalog-loader.ts';

const target = join(REPOSITORY_WORKFLOWS_DIR, 'automation.schema.json');
writeFileSync(target, automationJsonSchema());
console.log(`wrote ${target}`);
