// Runs one child process (DynamoDB Local's JVM) and guarantees it does not outlive Rapport.
// Plain JavaScript on purpose: it must start fast and need nothing but Node.
//
// Usage: node local/guardian.mjs <command> [args...]
//
// The parent keeps this process's stdin open; when the parent goes away for any reason (a clean
// stop, a crash, even SIGKILL) the pipe closes, and the guardian stops the child. A JVM cannot be
// told to watch its parent, which is why this small process exists.
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node guardian.mjs <command> [args...]');
  process.exit(2);
}

const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;

function stop() {
  if (stopping) return;
  stopping = true;
  if (child.exitCode !== null || child.signalCode !== null) process.exit(0);
  child.kill('SIGTERM');
  // A JVM that ignores SIGTERM for 5 s is killed outright.
  setTimeout(() => child.kill('SIGKILL'), 5000).unref();
}

process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.on('error', stop);
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);

child.on('error', (error) => {
  console.error(`could not start ${command}: ${error.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
