import { documentClient } from '#shared/adapters/aws-clients.ts';
import { KaartRecordsCache } from '#shared/adapters/kaart-cache.ts';
import { sqsClient } from '#shared/adapters/sqs-client.ts';
import { ContactPersonStore } from '#shared/adapters/contact-person-store.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { numberFromEnv, queueUrl, tableName } from '#shared/config.ts';
import { advanceMatch } from '#shared/pipeline/match-step.ts';
import { sqsConsumer } from '#shared/queue/sqs-consumer.ts';

const kaart = new SocialeKaartStore(documentClient(), tableName('sociale-kaart'));
const deps = {
  referrals: new ReferralStore(documentClient(), tableName('referrals')),
  kaart,
  kaartCache: new KaartRecordsCache(kaart, numberFromEnv('KAART_CACHE_SECONDS', 30) * 1000),
  contactPersons: new ContactPersonStore(documentClient(), tableName('contact-persons')),
  queue: new PipelineQueue(sqsClient(), queueUrl),
  now: () => new Date(),
};

export const handler = sqsConsumer({ queue: 'match', step: (message, delivery) => advanceMatch(deps, message, delivery) });
