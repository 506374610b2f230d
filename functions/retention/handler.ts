import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { tableName } from '#shared/config.ts';
import { enforceRetention } from '#shared/pipeline/retention.ts';
import { logger, metrics } from '#shared/powertools.ts';
import { clockOf } from '#shared/schedule/clock.ts';

const referrals = new ReferralStore(documentClient(), tableName('referrals'));

export const handler = middy(async (event: ScheduledEvent) => {
  const now = clockOf(event);
  const report = await enforceRetention(referrals, now);
  logger.info('Retention enforced', { at: now.toISOString(), ...report });
  return report;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
