import { WORKFLOW_ENTRIES } from '../paths.ts';

/**
 * A shell command that copies the workflow files and folders from the repository into a bundle's
 * `workflows/` folder. Node's fs.cpSync rather than `cp -r`, so it behaves the same under bash
 * and cmd.exe, and copies a file or a folder alike; the script uses only single quotes, so
 * double-quoting it works in both shells.
 */
export function copyWorkflowsCommand(repositoryRoot: string, outputDir: string): string {
  const entries = WORKFLOW_ENTRIES.map((entry) => `'${entry}'`).join(',');
  const script = [
    "const fs = require('node:fs'); const path = require('node:path');",
    'const [from, to] = process.argv.slice(1);',
    `for (const entry of [${entries}]) {`,
    '  fs.cpSync(path.join(from, entry), path.join(to, entry), { recursive: true });',
    '}',
  ].join(' ');
  return `node -e "${script}" "${repositoryRoot}/workflows" "${outputDir}/workflows"`;
}
