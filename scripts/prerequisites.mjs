// What must be true before Rapport runs, in plain JavaScript: it runs before TypeScript tooling
// (or even the right Node) is known to be there.
import { existsSync } from 'node:fs';
import { javaProblem } from './java-check.mjs';

/** Every missing prerequisite, each with how to fix it; empty when all is well. */
export function prerequisiteProblems({ needJava = true } = {}) {
  const problems = [];
  if (!existsSync('node_modules/.bin/tsx')) {
    problems.push('Dependencies are not installed. Run: npm ci');
  }
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor < 22) {
    problems.push(
      `This is Node ${process.versions.node}; Rapport runs on Node 24 (the Lambda runtime).\n` +
        '  npm ci installs it into node_modules (the "node" package); run commands through npm (npm start, npm test)\n' +
        '  so that node_modules/.bin/node is used, or install Node 24 yourself.',
    );
  }
  const java = needJava ? javaProblem() : undefined;
  if (java) problems.push(java.replaceAll('\n', '\n  '));
  return problems;
}

/** Prints the problems and exits non-zero when there are any. */
export function exitOnProblems(problems) {
  if (problems.length === 0) return;
  console.error(`Rapport cannot run yet:\n\n- ${problems.join('\n- ')}\n`);
  process.exit(1);
}
