import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { tableName } from '#shared/config.ts';
import { referralView } from '#shared/domain/referral-view.ts';
import { authorize } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { REFERRAL_ID } from '#shared/http/request.ts';
import { json, notFound } from '#shared/http/responses.ts';
import { metrics } from '#shared/powertools.ts';
import { regionById } from '#shared/regions/index.ts';

const referrals = new ReferralStore(documentClient(), tableName('referrals'));
const accessLog = new AccessLog(documentClient(), tableName('access-log'));

export const handler = httpHandler(async (event) => {
  const access = authorize(event);
  if ('denied' in access) return access.denied;
  const referralId = event.pathParameters?.referralId ?? '';
  const referral = REFERRAL_ID.test(referralId) ? await referrals.get(referralId) : undefined;
  if (!referral) {
    metrics.addMetric('ReferralReadsNotFound', MetricUnit.Count, 1);
    return notFound('This referral');
  }
  // No read of a client record without its audit entry: if the log write fails, so does the read.
  await accessLog.record({
    referralId,
    actor: access.caller.id,
    action: 'read-referral-status',
    purpose: 'status-check',
    at: new Date().toISOString(),
    requestId: event.requestContext.requestId,
    sourceIp: event.requestContext.http.sourceIp,
    userAgent: event.requestContext.http.userAgent,
  });
  metrics.addMetric('ReferralReads', MetricUnit.Count, 1);
  return json(200, referralView(referral, regionById(referral.regionId).region));
});
