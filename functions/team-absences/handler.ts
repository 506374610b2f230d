import { documentClient } from '#shared/adapters/aws-clients.ts';
import { sqsClient } from '#shared/adapters/sqs-client.ts';
import { ContactPersonHistory } from '#shared/adapters/contact-person-history.ts';
import { ContactPersonStore } from '#shared/adapters/contact-person-store.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { queueUrl, tableName } from '#shared/config.ts';
import { settleAbsences } from '#shared/pipeline/hand-over.ts';
import { scheduledHandler } from '#shared/schedule/scheduled-handler.ts';

const stores = {
  contactPersons: new ContactPersonStore(documentClient(), tableName('contact-persons')),
  history: new ContactPersonHistory(documentClient(), tableName('contact-person-history')),
  referrals: new ReferralStore(documentClient(), tableName('referrals')),
  queue: new PipelineQueue(sqsClient(), queueUrl),
};

export const handler = scheduledHandler('Absences settled', (now) => settleAbsences({ ...stores, now: () => now }));
