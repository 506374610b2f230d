import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { documentClient, sqsClient } from '#shared/adapters/aws-clients.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { queueUrl, tableName } from '#shared/config.ts';
import { enforceTimeLimits } from '#shared/pipeline/time-limits.ts';
import { clockOf } from '#shared/schedule/clock.ts';
import { logger, metrics } from '#shared/powertools.ts';

const deps = {
  referrals: new ReferralStore(documentClient(), tableName('referrals')),
  queue: new PipelineQueue(sqsClient(), queueUrl),
};

export const handler = middy(async (event: ScheduledEvent) => {
  const now = clockOf(event);
  const report = await enforceTimeLimits(deps, now);
  logger.info('Time limits enforced', { at: now.toISOString(), ...report });
  return report;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
