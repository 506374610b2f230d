import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { sqsClient } from '#shared/adapters/sqs-client.ts';
import { CaseNumbers } from '#shared/adapters/case-numbers.ts';
import { ClientContacts } from '#shared/adapters/client-contacts.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { DAY_SECONDS, SubmissionClaims } from '#shared/adapters/submission-claims.ts';
import { queueUrl, tableName } from '#shared/config.ts';
import { authorize, type Access } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { parseReferralRequest } from '#shared/http/referral-request.ts';
import { json, problem } from '#shared/http/responses.ts';
import { DuplicateReferralError, IdempotencyKeyReusedError, submitReferral } from '#shared/pipeline/submit-referral.ts';
import { OpenNeeds } from '#shared/adapters/open-needs.ts';
import { logger, metrics } from '#shared/powertools.ts';

const referrals = new ReferralStore(documentClient(), tableName('referrals'));
const accessLog = new AccessLog(documentClient(), tableName('access-log'));
const deps = {
  referrals,
  clientContacts: new ClientContacts(documentClient(), tableName('client-contacts')),
  caseNumbers: new CaseNumbers(documentClient(), tableName('idempotency')),
  queue: new PipelineQueue(sqsClient(), queueUrl),
  // An Idempotency-Key stands for its referral for a day, per submitter.
  claims: new SubmissionClaims(documentClient(), tableName('idempotency'), DAY_SECONDS),
  openNeeds: new OpenNeeds(documentClient(), tableName('idempotency'), (referralId) => referrals.openReferral(referralId)),
  now: () => new Date(),
};

/**
 * The pointer to the open referral: its id and need for the organisation that made it, who can
 * open it; for another organisation, which cannot, only the contact person to coordinate with.
 * That check looked into another organisation's referral on this person's behalf: it is logged.
 */
async function duplicateReferral(event: APIGatewayProxyEventV2, access: Access, error: DuplicateReferralError) {
  const { open, need } = error;
  const own = error.isOwnedBy(access.caller.organisationId);
  if (!own) await accessLog.record(AccessLog.entry(event, access, open.referralId, 'duplicate-check', 'shown', open.regionId));
  const contactPerson = open.contactPersonName ? { name: open.contactPersonName } : null;
  return problem(409, {
    type: '/problems/duplicate-referral',
    title: 'Open referral exists',
    detail: own
      ? `This client has an open referral of your organisation for ${need}: ${open.caseNumber ?? open.referralId}. Add to that one (POST /referrals/${open.referralId}/amendments), or close it first.`
      : `This client has an open referral for one of these needs from another referrer${contactPerson ? `; contact person ${contactPerson.name}` : ''}. Coordinate with them rather than refer twice.`,
    ...(own ? { openReferralId: open.referralId, ...(open.caseNumber ? { openCaseNumber: open.caseNumber } : {}), need } : { contactPerson }),
  });
}

export const handler = httpHandler(async (event) => {
  metrics.addMetric('ReferralSubmissions', MetricUnit.Count, 1);
  const auth = await authorize(event);
  if ('denied' in auth) return auth.denied;
  const { caller } = auth.access;
  // The referral names its referrer from the account: an account without these cannot refer.
  if (!caller.name || !caller.email || !caller.organisationName) {
    return problem(403, {
      type: '/problems/forbidden',
      title: 'Not allowed',
      detail: 'Your account has no name, e-mail or organisation name, which a referral names its referrer by; ask the beheerder to complete it.',
    });
  }
  const parsed = parseReferralRequest(event, caller.regionId);
  if (!parsed.ok) {
    logger.info('Referral refused', { statusCode: parsed.response.statusCode });
    metrics.addMetric('ReferralsRefused', MetricUnit.Count, 1);
    return parsed.response;
  }
  try {
    const answer = await submitReferral(deps, parsed.config, {
      request: parsed.request,
      submitter: { id: caller.id, organisationId: caller.organisationId!, name: caller.name, organisationName: caller.organisationName, email: caller.email },
      correlationId: event.requestContext.requestId,
      awaitingIntake: parsed.awaitingIntake,
      ...(parsed.idempotencyKey ? { idempotencyKey: parsed.idempotencyKey } : {}),
    });
    logger.info('Referral accepted', { referralId: answer.referralId, crisis: answer.crisis !== undefined });
    return json(202, answer, { location: `/referrals/${answer.referralId}` });
  } catch (error) {
    if (error instanceof DuplicateReferralError) {
      metrics.addMetric('DuplicateReferralsRefused', MetricUnit.Count, 1);
      return duplicateReferral(event, auth.access, error);
    }
    if (!(error instanceof IdempotencyKeyReusedError)) throw error;
    metrics.addMetric('IdempotencyConflicts', MetricUnit.Count, 1);
    return problem(409, {
      type: '/problems/idempotency-key-reused',
      title: 'Idempotency-Key reused',
      detail: 'This Idempotency-Key was used for a different referral within the last day. Use a new key for a new referral.',
    });
  }
});
