// Plain JavaScript on purpose: scripts/check-prereqs.mjs runs it before TypeScript tooling (or
// even the right Node) is known to be there; local/dynamodb-local.ts uses it too.
import { spawnSync } from 'node:child_process';

const HELP = [
  'DynamoDB Local (the real DynamoDB engine Rapport runs on locally) needs Java 17 or newer.',
  'Install it, then run the command again:',
  '  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y openjdk-17-jre-headless',
  '  macOS:         brew install openjdk@17',
  '  Windows:       winget install Microsoft.OpenJDK.17',
].join('\n');

/** The major version of the `java` on PATH, or undefined when there is none. */
export function javaMajorVersion() {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  // `java -version` prints to stderr: openjdk version "17.0.15" (or "1.8.0_392" for Java 8).
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

/** What is wrong with this machine's Java, with how to fix it; undefined when Java 17+ is there. */
export function javaProblem() {
  const major = javaMajorVersion();
  if (major === undefined) return `Java was not found on PATH.\n${HELP}`;
  if (major < 17) return `Java ${major} was found.\n${HELP}`;
  return undefined;
}
