import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ClientContactRecords, ReferralRecords } from './ports.ts';
import { pseudonymisation } from '../domain/retention.ts';
import { CLOSED_STATUSES, type ReferralStatus } from '../domain/vocabulary.ts';
import { logger, metrics } from '../powertools.ts';
import { REGIONS, retentionOf } from '../regions/index.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The statuses a case ends in, for retention: closed and withdrawn, and handed off as a crisis
 * (the crisis service takes it over; the record holds the most sensitive details of all).
 */
const RETAINED_AFTER: readonly ReferralStatus[] = [...CLOSED_STATUSES, 'crisis-handed-off'];

/**
 * One retention run at `now`: closed, withdrawn and crisis cases past their region's period lose their
 * client details (once; a conditional write), their contact details first (their own table), and
 * what is left of cases past the second period is deleted, as DynamoDB TTL would (TTL can be days
 * late, and does not run locally). A run after downtime catches up.
 */
export async function enforceRetention(
  deps: { referrals: ReferralRecords; clientContacts: Pick<ClientContactRecords, 'delete'> },
  now: Date,
): Promise<{ pseudonymised: number; deleted: number }> {
  const { referrals } = deps;
  const report = { pseudonymised: 0, deleted: 0 };
  const shortest = Math.min(...REGIONS.map(({ region }) => retentionOf(region.regionId).pseudonymiseAfterDays));
  const nowSeconds = Math.floor(now.getTime() / 1000);
  for (const status of RETAINED_AFTER) {
    for await (const item of referrals.inStatus(status, new Date(now.getTime() - shortest * DAY_MS).toISOString())) {
      if (item.expiresAt !== undefined) {
        if (item.expiresAt < nowSeconds && (await referrals.deleteExpired(item.referralId, nowSeconds))) report.deleted++;
        continue;
      }
      const retention = retentionOf(item.regionId);
      if (item.pseudonymisedAt || Date.parse(item.statusChangedAt) > now.getTime() - retention.pseudonymiseAfterDays * DAY_MS) continue;
      const referral = await referrals.get(item.referralId);
      if (!referral || referral.pseudonymisedAt) continue;
      // Before the referral forgets that there were any: a crash in between leaves nothing behind.
      if (referral.hasClientContact) await deps.clientContacts.delete(referral.referralId);
      if (await referrals.pseudonymise(referral.referralId, status, pseudonymisation(referral, now, retention.deleteAfterDays))) {
        report.pseudonymised++;
        logger.info('Closed case pseudonymised', { referralId: referral.referralId });
      }
    }
  }
  metrics.addMetric('ReferralsPseudonymised', MetricUnit.Count, report.pseudonymised);
  metrics.addMetric('ReferralsDeleted', MetricUnit.Count, report.deleted);
  return report;
}
