import { documentClient } from '#shared/adapters/aws-clients.ts';
import { sesClient } from '#shared/adapters/ses-client.ts';
import { ClientContacts } from '#shared/adapters/client-contacts.ts';
import { idempotencyStore } from '#shared/adapters/idempotency.ts';
import { Mailer } from '#shared/adapters/mailer.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { tableName } from '#shared/config.ts';
import { Notifier } from '#shared/pipeline/notifier.ts';
import { advanceNotify } from '#shared/pipeline/notify-step.ts';
import { sqsConsumer } from '#shared/queue/sqs-consumer.ts';

const notifier = new Notifier(new Mailer(sesClient, process.env.SES_CONFIGURATION_SET), idempotencyStore());
const deps = {
  referrals: new ReferralStore(documentClient(), tableName('referrals')),
  clientContacts: new ClientContacts(documentClient(), tableName('client-contacts')),
  notifier,
  now: () => new Date(),
  publicBaseUrl: process.env.PUBLIC_BASE_URL,
};

export const handler = sqsConsumer({
  queue: 'notify',
  // Each e-mail is sent once per notification id; the referral's status guards the rest.
  step: (message) => advanceNotify(deps, message),
  idempotencyConfigs: [notifier.config],
});
