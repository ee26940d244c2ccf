import { automationEngine } from './automation-engine/definition.ts';
import { complaintIntake } from './complaint-intake/definition.ts';
import { complaintSteps } from './complaint-steps/definition.ts';
import { deliveryFeedback } from './delivery-feedback/definition.ts';
import { dispatcher } from './dispatcher/definition.ts';
import { eventPublisher } from './event-publisher/definition.ts';
import { ingestApi } from './ingest-api/definition.ts';
import { preferencesPage } from './preferences-page/definition.ts';
import { surveyPage } from './survey-page/definition.ts';
import { tierRun } from './tier-run/definition.ts';

/**
 * Every Lambda function, named once. Each `functions/<name>/handler.ts` builds its own from its
 * definition; the local runtime builds them all from here; the CDK creates one function per entry
 * and grants each exactly its `tableActions`.
 */
export const FUNCTIONS = [
  ingestApi,
  automationEngine,
  dispatcher,
  eventPublisher,
  tierRun,
  deliveryFeedback,
  preferencesPage,
  surveyPage,
  complaintSteps,
  complaintIntake,
] as const;
