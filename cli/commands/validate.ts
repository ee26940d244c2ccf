import { join } from 'node:path';
import { parse, str, withUsage } from '../args.ts';
import { type CliIo, EXIT } from '../io.ts';
import { formatFinding } from '../validate/finding.ts';
import { readSources } from '../validate/sources.ts';
import { validateSources } from '../validate/validate.ts';

export const VALIDATE_HELP = `Usage: npx rapport validate [paths...] [--workflows <dir>]

Checks automation files the way Rapport loads them, and more: the schema, templates that do not
exist or read variables the trigger cannot provide, facts the trigger cannot have, conditions that
can never hold (an empty list, two different equals on one fact, a value the fact never takes),
and automations that would message the same customer twice. Each problem is printed as
file:line:column: message, with a hint: line.

Arguments:
  paths              automation files or folders (default: workflows/). A workflows folder (one
                     with automations/) brings its own templates and attributes.

Options:
  --workflows <dir>  the templates, attributes.yaml and messaging.yaml to check against
                     (default: workflows/)
  -h, --help         this help

Exit codes: 0 no errors, 1 errors found, 2 usage error.

Examples:
  npx rapport validate
  npx rapport validate workflows/automations/win-back.yaml
  npx rapport validate test/fixtures/automations/broken`;

export async function validateCommand(argv: readonly string[], io: CliIo): Promise<number> {
  return withUsage(io, VALIDATE_HELP, async () => {
    const parsed = parse(argv, { workflows: { type: 'string' } });
    if (parsed.values.help) {
      io.out(VALIDATE_HELP);
      return EXIT.ok;
    }
    const root = str(parsed, 'workflows') ?? join(io.cwd, 'workflows');
    const report = validateSources(readSources(parsed.positionals, root, io.cwd));
    for (const finding of report.findings) io.out(formatFinding(finding));
    const errors = report.findings.filter((finding) => finding.severity !== 'warning').length;
    const files = report.automations === 1 ? '1 automation' : `${report.automations} automations`;
    const templates =
      report.templates === 1 ? '1 template file' : `${report.templates} template files`;
    if (errors === 0) {
      io.out(`ok: ${files} and ${templates} checked, no problems`);
      return EXIT.ok;
    }
    io.out(
      `${errors} problem${errors === 1 ? '' : 's'} in ${files} (${templates} checked against)`,
    );
    return EXIT.findings;
  });
}
