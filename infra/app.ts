import { buildApp } from './build-app.ts';
import { RapportSettingsError } from './settings.ts';

// `npx cdk synth|deploy` runs this file (cdk.json "app"); tests call buildApp() directly.
try {
  buildApp().app.synth();
} catch (error) {
  if (!(error instanceof RapportSettingsError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
