import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { automationJsonSchema } from '../workflows/automation-json-schema.ts';
import { REPOSITORY_WORKFLOWS_DIR } from '../workflows/catalog-loader.ts';
import { eventsDoc } from '../workflows/events-doc.ts';

// The generated files that must follow the code: the automation JSON Schema and the events table.
const outputs = [
  {
    path: join(REPOSITORY_WORKFLOWS_DIR, 'automation.schema.json'),
    content: automationJsonSchema(),
  },
  { path: join(REPOSITORY_WORKFLOWS_DIR, '..', 'docs', 'events.md'), content: eventsDoc() },
];
for (const { path, content } of outputs) {
  writeFileSync(path, content);
  console.log(`wrote ${path}`);
}
