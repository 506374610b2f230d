import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

// One logger and one metrics instance per function bundle. Service name and namespace come from
// POWERTOOLS_SERVICE_NAME and POWERTOOLS_METRICS_NAMESPACE, set by the topology.
// Rule: log ids (referralId, serviceId, messageId), never intake content or client details.
export const logger = new Logger({
  persistentKeys: { stage: process.env.STAGE ?? 'unknown' },
});

export const metrics = new Metrics();
