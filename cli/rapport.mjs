#!/usr/bin/env node
// `npx rapport <command>`: registers tsx's loader in this process (as scripts/start.mjs does) and
// runs the TypeScript CLI, so no build step sits between an edited automation and its check.
const { register } = await import('tsx/esm/api');
register();
const { runCli } = await import('./main.ts');
process.exitCode = await runCli(
  process.argv.slice(2),
  await import('./io.ts').then((m) => m.processIo()),
);
