#!/usr/bin/env node
// Runs before npm start, npm test and npm run bench: says plainly what is missing, before a
// stack trace from deep inside a child process can.
import { existsSync } from 'node:fs';
import { javaProblem } from './java-check.mjs';

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

const java = javaProblem();
if (java) problems.push(java.replaceAll('\n', '\n  '));

if (problems.length > 0) {
  console.error(`Rapport cannot run yet:\n\n- ${problems.join('\n- ')}\n`);
  process.exit(1);
}
