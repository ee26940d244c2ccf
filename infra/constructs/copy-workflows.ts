import { WORKFLOW_FOLDERS } from '../paths.ts';

/**
 * A shell command that copies the workflow folders from the repository into a bundle's
 * `workflows/` folder. Node's fs.cpSync rather than `cp -r`, so it behaves the same under bash
 * and cmd.exe; the script uses only single quotes, so double-quoting it works in both shells.
 */
export function copyWorkflowsCommand(repositoryRoot: string, outputDir: string): string {
  const folders = WORKFLOW_FOLDERS.map((folder) => `'${folder}'`).join(',');
  const script = [
    "const fs = require('node:fs'); const path = require('node:path');",
    'const [from, to] = process.argv.slice(1);',
    `for (const folder of [${folders}]) {`,
    '  fs.cpSync(path.join(from, folder), path.join(to, folder), { recursive: true });',
    '}',
  ].join(' ');
  return `node -e "${script}" "${repositoryRoot}/workflows" "${outputDir}/workflows"`;
}
