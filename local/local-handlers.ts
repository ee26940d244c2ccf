import { automationEngine } from '../functions/automation-engine/definition.ts';
import { complaintIntake } from '../functions/complaint-intake/definition.ts';
import { complaintSteps } from '../functions/complaint-steps/definition.ts';
import { deliveryFeedback } from '../functions/delivery-feedback/definition.ts';
import { dispatcher } from '../functions/dispatcher/definition.ts';
import { eventPublisher } from '../functions/event-publisher/definition.ts';
import { ingestApi } from '../functions/ingest-api/definition.ts';
import { preferencesPage } from '../functions/preferences-page/definition.ts';
import { readConfig } from '../functions/shared/config.ts';
import type { Platform } from '../functions/shared/platform.ts';
import { surveyPage } from '../functions/survey-page/definition.ts';
import { tierRun } from '../functions/tier-run/definition.ts';

/** Every function's handler, built from its definition and config as Lambda builds it. */
export function localHandlers(env: Record<string, string>, platform: Platform) {
  return {
    ingest: ingestApi.create(readConfig(ingestApi.config, env), platform),
    engine: automationEngine.create(readConfig(automationEngine.config, env), platform),
    dispatcher: dispatcher.create(readConfig(dispatcher.config, env), platform),
    publisher: eventPublisher.create(readConfig(eventPublisher.config, env), platform),
    tierRun: tierRun.create(readConfig(tierRun.config, env), platform),
    feedback: deliveryFeedback.create(readConfig(deliveryFeedback.config, env), platform),
    preferencesPage: preferencesPage.create(readConfig(preferencesPage.config, env), platform),
    surveyPage: surveyPage.create(readConfig(surveyPage.config, env), platform),
    complaintSteps: complaintSteps.create(readConfig(complaintSteps.config, env), platform),
    complaintIntake: complaintIntake.create(readConfig(complaintIntake.config, env), platform),
  };
}

export type LocalHandlers = ReturnType<typeof localHandlers>;
