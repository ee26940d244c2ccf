import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPOSITORY_WORKFLOWS_DIR } from '../../workflows/catalog-loader.ts';

/**
 * Copies of the shipped workflows folder that a test may break, removed by `cleanUp()` (call it in
 * afterEach).
 */
export function workflowCopies() {
  const folders: string[] = [];
  return {
    copy(): string {
      const dir = mkdtempSync(join(tmpdir(), 'rapport-workflows-'));
      folders.push(dir);
      cpSync(REPOSITORY_WORKFLOWS_DIR, dir, {
        recursive: true,
        filter: (source) => !source.endsWith('.ts') && !source.endsWith('.json'),
      });
      return dir;
    },
    cleanUp(): void {
      for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes `templates/<name>/<locale>.yaml` in a copied workflows folder. */
export function writeTemplate(dir: string, name: string, body: string, locale = 'en'): void {
  mkdirSync(join(dir, 'templates', name), { recursive: true });
  writeFileSync(join(dir, 'templates', name, `${locale}.yaml`), body);
}
