import { tiersCommand } from './tiers.ts';

// `npm run tiers -- ...`: the command on its own, until `npx rapport tiers` mounts it.
process.exitCode = await tiersCommand(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
