import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { sqsClient } from '#shared/adapters/sqs-client.ts';
import { CaseNumbers } from '#shared/adapters/case-numbers.ts';
import { ClientContacts } from '#shared/adapters/client-contacts.ts';
import { ContactPersonStore } from '#shared/adapters/contact-person-store.ts';
import { OpenNeeds } from '#shared/adapters/open-needs.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { DAY_SECONDS, SubmissionClaims } from '#shared/adapters/submission-claims.ts';
import { queueUrl, tableName } from '#shared/config.ts';
import { fhirResponse, fromProblem, outcomeResponse, readResource } from '#shared/fhir/http.ts';
import { FhirRefusal } from '#shared/fhir/outcome.ts';
import { submitBundle, updateConsent, updateTask } from '#shared/fhir/write-api.ts';
import { authorize } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { logger, metrics } from '#shared/powertools.ts';

const referrals = new ReferralStore(documentClient(), tableName('referrals'));
const openNeeds = new OpenNeeds(documentClient(), tableName('idempotency'), (referralId) => referrals.openReferral(referralId));
const queue = new PipelineQueue(sqsClient(), queueUrl);
const kaart = new SocialeKaartStore(documentClient(), tableName('sociale-kaart'));
const now = () => new Date();
const deps = {
  submit: {
    referrals,
    clientContacts: new ClientContacts(documentClient(), tableName('client-contacts')),
    caseNumbers: new CaseNumbers(documentClient(), tableName('idempotency')),
    queue,
    // A Bundle identifier stands for its referral for a day, per practice system.
    claims: new SubmissionClaims(documentClient(), tableName('idempotency'), DAY_SECONDS),
    openNeeds,
    now,
  },
  actions: { referrals, kaart, contactPersons: new ContactPersonStore(documentClient(), tableName('contact-persons')), openNeeds, queue, now },
  kaart,
};
const accessLog = new AccessLog(documentClient(), tableName('access-log'));

/**
 * POST /fhir: a referral as a transaction Bundle (200 with a transaction-response). PUT
 * /fhir/Task/{id} and PUT /fhir/Consent/{id}: moves and withdrawals as case actions (200 with the
 * resource as it is now). Refusals are OperationOutcomes naming each path; nothing is stored then.
 */
export const handler = httpHandler(async (event) => {
  const auth = await authorize(event);
  if ('denied' in auth) return fromProblem(event, auth.denied);
  const { access } = auth;
  const id = event.pathParameters?.id ?? '';
  const ifMatch = event.headers?.['if-match'];
  try {
    if (access.route === 'POST /fhir') {
      const bundle = readResource(event, 'Bundle');
      const { referral, created, response } = await submitBundle(deps, access, bundle, event.requestContext.requestId);
      logger.info('FHIR referral accepted', { referralId: referral.referralId, created, status: referral.status });
      metrics.addMetric('FhirReferralsSubmitted', MetricUnit.Count, 1);
      return fhirResponse(event, 200, response);
    }
    if (access.route === 'PUT /fhir/Task/{id}') {
      const task = readResource(event, 'Task');
      const { referral, resource } = await updateTask(deps, access, id, task, ifMatch);
      await accessLog.record(AccessLog.entry(event, access, referral.referralId, `case-action:fhir-task-${String(task.status)}`, 'shown', referral.regionId));
      return fhirResponse(event, 200, resource, { etag: `W/"${resource.meta.versionId}"` });
    }
    const consent = readResource(event, 'Consent');
    const { referral, resource } = await updateConsent(deps, access, id, consent, ifMatch);
    await accessLog.record(AccessLog.entry(event, access, referral.referralId, 'case-action:fhir-consent', 'shown', referral.regionId));
    return fhirResponse(event, 200, resource, { etag: `W/"${resource.meta.versionId}"` });
  } catch (error) {
    if (error instanceof FhirRefusal) {
      logger.info('FHIR request refused', { statusCode: error.status, issues: error.issues.length });
      return outcomeResponse(event, error.status, error.issues, error.headers);
    }
    throw error;
  }
}, { answerAs: fromProblem });
