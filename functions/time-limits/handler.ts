import { documentClient } from '#shared/adapters/aws-clients.ts';
import { sqsClient } from '#shared/adapters/sqs-client.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { queueUrl, tableName } from '#shared/config.ts';
import { enforceTimeLimits } from '#shared/pipeline/time-limits.ts';
import { scheduledHandler } from '#shared/schedule/scheduled-handler.ts';

const deps = {
  referrals: new ReferralStore(documentClient(), tableName('referrals')),
  queue: new PipelineQueue(sqsClient(), queueUrl),
};

export const handler = scheduledHandler('Time limits enforced', (now) => enforceTimeLimits(deps, now));
