import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { sqsClient } from '#shared/adapters/sqs-client.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { numberFromEnv, queueUrl, tableName } from '#shared/config.ts';
import { sweep } from '#shared/pipeline/sweep.ts';
import { logger, metrics } from '#shared/powertools.ts';
import { SWEEP_MAX_ATTEMPTS, SWEEP_STALE_AFTER_SECONDS } from '#shared/topology.ts';

const deps = {
  referrals: new ReferralStore(documentClient(), tableName('referrals')),
  queue: new PipelineQueue(sqsClient(), queueUrl),
  now: () => new Date(),
};
const staleAfterSeconds = numberFromEnv('STALE_AFTER_SECONDS', SWEEP_STALE_AFTER_SECONDS);
const maxSweeps = numberFromEnv('MAX_SWEEPS', SWEEP_MAX_ATTEMPTS);

/** `detail.recovery: "queues-lost"` sweeps everything in flight at once, e.g. after a local restart. */
export type SweepEvent = ScheduledEvent<{ recovery?: 'queues-lost' }>;

export const handler = middy(async (event: SweepEvent) => {
  const recovery = event.detail?.recovery === 'queues-lost';
  const report = await sweep(deps, {
    staleAfterSeconds: recovery ? 0 : staleAfterSeconds,
    maxSweeps,
    mode: recovery ? 'queues-lost' : 'stale',
  });
  logger.info('Sweep finished', { recovery, ...report });
  return report;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
