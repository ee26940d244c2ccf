#!/usr/bin/env node
// Runs before npm start, npm test and npm run bench: says plainly what is missing, before a
// stack trace from deep inside a child process can.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

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

const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
const match = /version "(\d+)(?:\.(\d+))?/.exec(`${java.stderr ?? ''}${java.stdout ?? ''}`);
const javaMajor = match
  ? Number(match[1]) === 1
    ? Number(match[2])
    : Number(match[1])
  : undefined;
if (javaMajor === undefined || javaMajor < 17) {
  problems.push(
    `${javaMajor === undefined ? 'Java was not found on PATH' : `Java ${javaMajor} was found`}; DynamoDB Local needs Java 17 or newer.\n` +
      '  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y openjdk-17-jre-headless\n' +
      '  macOS:         brew install openjdk@17',
  );
}

if (problems.length > 0) {
  console.error(`Rapport cannot run yet:\n\n- ${problems.join('\n- ')}\n`);
  process.exit(1);
}
