import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ClientContacts } from '#shared/adapters/client-contacts.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { tableName } from '#shared/config.ts';
import { enforceRetention } from '#shared/pipeline/retention.ts';
import { scheduledHandler } from '#shared/schedule/scheduled-handler.ts';

const deps = {
  referrals: new ReferralStore(documentClient(), tableName('referrals')),
  clientContacts: new ClientContacts(documentClient(), tableName('client-contacts')),
};

export const handler = scheduledHandler('Retention enforced', (now) => enforceRetention(deps, now));
