import { documentClient } from '#shared/adapters/aws-clients.ts';
import { sqsClient } from '#shared/adapters/sqs-client.ts';
import { ContactPersonStore } from '#shared/adapters/contact-person-store.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { numberFromEnv, queueUrl, tableName } from '#shared/config.ts';
import { advanceMatch, KaartCache } from '#shared/pipeline/match-step.ts';
import { sqsConsumer } from '#shared/pipeline/sqs-consumer.ts';

const kaart = new SocialeKaartStore(documentClient(), tableName('sociale-kaart'));
const deps = {
  referrals: new ReferralStore(documentClient(), tableName('referrals')),
  kaart,
  kaartCache: new KaartCache(kaart, numberFromEnv('KAART_CACHE_SECONDS', 30) * 1000),
  contactPersons: new ContactPersonStore(documentClient(), tableName('contact-persons')),
  queue: new PipelineQueue(sqsClient(), queueUrl),
  now: () => new Date(),
};

export const handler = sqsConsumer({ queue: 'match', step: (message, delivery) => advanceMatch(deps, message, delivery) });
