import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { visibleReferral } from '#shared/access/visibility.ts';
import { tableName } from '#shared/config.ts';
import { caseView, referralView } from '#shared/domain/referral-view.ts';
import { authorize } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { json } from '#shared/http/responses.ts';
import { metrics } from '#shared/powertools.ts';
import { regionById } from '#shared/regions/index.ts';

const referrals = new ReferralStore(documentClient(), tableName('referrals'));
const accessLog = new AccessLog(documentClient(), tableName('access-log'));

export const handler = httpHandler(async (event) => {
  const auth = await authorize(event);
  if ('denied' in auth) return auth.denied;
  const { access } = auth;
  const found = await visibleReferral(referrals, access, event);
  if ('response' in found) {
    metrics.addMetric('ReferralReadsNotFound', MetricUnit.Count, 1);
    return found.response;
  }
  const { referral } = found;
  const { referralId } = referral;
  const asContactPerson = access.role === 'clientondersteuner';
  // No read of a client record without its audit entry: if the log write fails, so does the read.
  await accessLog.record(AccessLog.entry(event, access, referralId, asContactPerson ? 'read-case' : 'read-referral-status'));
  metrics.addMetric('ReferralReads', MetricUnit.Count, 1);
  const { region } = regionById(referral.regionId);
  return json(200, asContactPerson ? caseView(referral, region) : referralView(referral, region, access.role));
});
