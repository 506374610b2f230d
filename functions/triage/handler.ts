import { documentClient } from '#shared/adapters/aws-clients.ts';
import { sqsClient } from '#shared/adapters/sqs-client.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { queueUrl, tableName } from '#shared/config.ts';
import { sqsConsumer } from '#shared/queue/sqs-consumer.ts';
import { advanceTriage } from '#shared/pipeline/triage-step.ts';

const deps = {
  referrals: new ReferralStore(documentClient(), tableName('referrals')),
  queue: new PipelineQueue(sqsClient(), queueUrl),
  now: () => new Date(),
};

export const handler = sqsConsumer({ queue: 'triage', step: (message) => advanceTriage(deps, message) });
