import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { tableName } from '#shared/config.ts';
import { enforceRetention } from '#shared/pipeline/retention.ts';
import { scheduledHandler } from '#shared/schedule/scheduled-handler.ts';

const referrals = new ReferralStore(documentClient(), tableName('referrals'));

export const handler = scheduledHandler('Retention enforced', (now) => enforceRetention(referrals, now));
