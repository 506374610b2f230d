import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ClientContacts } from '#shared/adapters/client-contacts.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { tableName } from '#shared/config.ts';
import { clientLetter, clientLetterHtml } from '#shared/domain/client-letter.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { clientLetterPage } from '#shared/http/client-letter-page.ts';
import { authorizeRecordRoute, visibleReferral } from '#shared/http/record-access.ts';
import { referralAnswer } from '#shared/http/referral-answer.ts';
import { json } from '#shared/http/responses.ts';
import { metrics } from '#shared/powertools.ts';
import { regionById, timeLimitsOf } from '#shared/regions/index.ts';

const referrals = new ReferralStore(documentClient(), tableName('referrals'));
const deps = {
  clientContacts: new ClientContacts(documentClient(), tableName('client-contacts')),
  accessLog: new AccessLog(documentClient(), tableName('access-log')),
};

/**
 * GET /referrals/{id}: the referrer's status view, the contact person's case view, or a case on the coordinator's desk.
 * GET /referrals/{id}/client-letter: the letter for the client, as a printable HTML page.
 */
export const handler = httpHandler(async (event) => {
  const auth = await authorizeRecordRoute(event, deps.accessLog);
  if ('denied' in auth) return auth.denied;
  const { access } = auth;
  const found = await visibleReferral(referrals, access, event, deps.accessLog);
  if ('response' in found) {
    metrics.addMetric('ReferralReadsNotFound', MetricUnit.Count, 1);
    return found.response;
  }
  const { referral } = found;
  if (access.route === 'GET /referrals/{referralId}/client-letter') {
    await deps.accessLog.record(AccessLog.entry(event, access, referral.referralId, 'read-client-letter', 'shown', referral.regionId));
    metrics.addMetric('ClientLetters', MetricUnit.Count, 1);
    const { region } = regionById(referral.regionId);
    return clientLetterPage(clientLetterHtml(clientLetter(referral, region, timeLimitsOf(referral.regionId), new Date())));
  }
  metrics.addMetric('ReferralReads', MetricUnit.Count, 1);
  return json(200, await referralAnswer(deps, event, access, referral, access.role === 'clientondersteuner' ? 'read-case' : access.role === 'coordinator' ? 'read-desk-case' : 'read-referral-status'));
});
