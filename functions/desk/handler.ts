import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ContactPersonStore } from '#shared/adapters/contact-person-store.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { tableName } from '#shared/config.ts';
import { candidatesFor } from '#shared/domain/desk.ts';
import { dutchDate } from '#shared/domain/dutch-calendar.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { authorizeRecordRoute, visibleReferral } from '#shared/http/record-access.ts';
import { json } from '#shared/http/responses.ts';
import { metrics } from '#shared/powertools.ts';
import { regionById } from '#shared/regions/index.ts';

const referrals = new ReferralStore(documentClient(), tableName('referrals'));
const contactPersons = new ContactPersonStore(documentClient(), tableName('contact-persons'));
const accessLog = new AccessLog(documentClient(), tableName('access-log'));

/**
 * GET /referrals/{id}/candidates: for a case on the coordinator's desk, the region's active contact
 * persons who could take it, gemeente fit first, with their caseload and limit: never the clients
 * they have. Opening it is a look at the case, so it is logged.
 */
export const handler = httpHandler(async (event) => {
  const auth = await authorizeRecordRoute(event, accessLog);
  if ('denied' in auth) return auth.denied;
  const { access } = auth;
  const found = await visibleReferral(referrals, access, event, accessLog);
  if ('response' in found) return found.response;
  const { referral } = found;
  const { region } = regionById(referral.regionId);
  const candidates = candidatesFor(referral, await contactPersons.listRegion(referral.regionId), region, dutchDate(new Date()));
  await accessLog.record(AccessLog.entry(event, access, referral.referralId, 'read-desk-candidates'));
  metrics.addMetric('DeskCandidatesRead', MetricUnit.Count, 1);
  return json(200, { referralId: referral.referralId, gemeente: referral.client.gemeente, items: candidates });
});
