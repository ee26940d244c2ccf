import { builtinModules } from 'node:module';

/**
 * How every Lambda bundle is built, in one place: the CDK's NodejsFunction (infra/constructs/
 * rapport-function.ts) and `npm run bench` (which builds the same bundles to measure their size and
 * module-initialisation time) both use these options, so what is measured is what is deployed.
 */
export const BUNDLE_TARGET = 'node24';

/** Prefer the ESM builds of dependencies: smaller, tree-shakable bundles. */
export const MAIN_FIELDS = ['module', 'main'];

/** Some CommonJS dependencies call require() for Node built-ins; ESM has no require. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as rapportCreateRequire } from 'node:module'; const require = rapportCreateRequire(import.meta.url);";

/**
 * Node built-ins reached through `require` instead of an ES module import.
 *
 * An ESM `import ... from 'node:x'` makes Node build a module facade that reads every export of
 * the built-in, getters included: `node:http`'s WebSocket/CloseEvent/MessageEvent getters load
 * undici (~20 ms), and the facades of `node:process`, `node:util` and `node:fs` cost 8-16 ms each
 * (measured one by one on Node 24 in fresh processes). The ESM builds of the AWS SDK, middy and
 * Powertools import built-ins that way. Each built-in is aliased to a one-line CommonJS module
 * (a `data:` URL, so no file) that returns `process.getBuiltinModule('node:x')`, the very object
 * `require` returns: esbuild then reads named imports as properties at their use, no facade is
 * built and no getter runs at init. Same objects, same behaviour; measured on `npm run bench`
 * (about -20 ms of init per function here).
 */
function builtinsWithoutFacades(): Record<string, string> {
  const aliases: Record<string, string> = {};
  for (const name of builtinModules) {
    // `node:module` is what the banner imports; `_internal` and `node:`-only names stay as they are.
    if (name === 'module' || name.startsWith('_') || name.startsWith('node:')) continue;
    const replacement = `data:text/javascript,module.exports=process.getBuiltinModule('node:${name}')`;
    aliases[`--alias:node:${name}`] = replacement;
    aliases[`--alias:${name}`] = replacement;
  }
  return aliases;
}

/**
 * Credential providers the SDK's default chain loads with `import()` only after the environment
 * had no credentials, and the STS/SSO/sign-in clients they use. Lambda always sets
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN for the execution role, and the
 * chain's first link (`fromEnv`, bundled) answers from them, so on Lambda these are never loaded;
 * bundled, they are ~107 KB that V8 parses at every cold start (about -10 to -25 ms of init here).
 * Left out of the bundle, a chain that ever reached them would fail loudly (module not found)
 * rather than find other credentials. `npm run bench` imports each bundle in a folder with no
 * node_modules, so a static import of any of these would fail the run.
 */
const UNUSED_ON_LAMBDA = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/token-providers',
  '@aws-sdk/nested-clients',
];

/**
 * Extra esbuild flags, in the form NodejsFunction's `bundling.esbuildArgs` takes (CLI flags: an
 * `--alias:<module>` key with the replacement as value becomes `--alias:<module>=<replacement>`,
 * `--external:<module>` with `true` becomes that flag).
 */
export const ESBUILD_ARGS: Record<string, string | boolean> = {
  ...builtinsWithoutFacades(),
  ...Object.fromEntries(UNUSED_ON_LAMBDA.map((name) => [`--external:${name}`, true])),
};
