import { documentClient } from '#shared/adapters/aws-clients.ts';
import { sesClient } from '#shared/adapters/ses-client.ts';
import { sqsClient } from '#shared/adapters/sqs-client.ts';
import { idempotencyStore } from '#shared/adapters/idempotency.ts';
import { Mailer } from '#shared/adapters/mailer.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { queueUrl, tableName } from '#shared/config.ts';
import { Notifier } from '#shared/pipeline/notifier.ts';
import { sqsConsumer } from '#shared/pipeline/sqs-consumer.ts';
import { advanceTriage } from '#shared/pipeline/triage-step.ts';

const notifier = new Notifier(new Mailer(sesClient, process.env.SES_CONFIGURATION_SET), idempotencyStore());
const deps = {
  referrals: new ReferralStore(documentClient(), tableName('referrals')),
  queue: new PipelineQueue(sqsClient(), queueUrl),
  notifier,
  now: () => new Date(),
  publicBaseUrl: process.env.PUBLIC_BASE_URL,
};

export const handler = sqsConsumer({
  queue: 'triage',
  step: (message) => advanceTriage(deps, message),
  idempotencyConfigs: [notifier.config],
});
