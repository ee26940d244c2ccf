import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs with the Lambda context; level from POWERTOOLS_LOG_LEVEL. */
export const logger = new Logger({ serviceName: 'rapport' });
