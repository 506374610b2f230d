import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { sqsClient } from '#shared/adapters/sqs-client.ts';
import { ClientContacts } from '#shared/adapters/client-contacts.ts';
import { ContactPersonStore } from '#shared/adapters/contact-person-store.ts';
import { OpenNeeds } from '#shared/adapters/open-needs.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { queueUrl, tableName } from '#shared/config.ts';
import { AmendmentRequestSchema } from '#shared/domain/amendment.ts';
import { ActionRefused, CaseActionSchema } from '#shared/domain/lifecycle.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { authorizeRecordRoute, loggedRefusal, visibleReferral } from '#shared/http/record-access.ts';
import { referralAnswer } from '#shared/http/referral-answer.ts';
import { refusalProblem } from '#shared/http/refusals.ts';
import { invalidBody, readJsonBody } from '#shared/http/request.ts';
import { json, problem } from '#shared/http/responses.ts';
import { amendReferral, CrisisAmendmentError } from '#shared/pipeline/amend-referral.ts';
import { actOnReferral } from '#shared/pipeline/case-actions.ts';
import { DuplicateReferralError } from '#shared/pipeline/submit-referral.ts';

const referrals = new ReferralStore(documentClient(), tableName('referrals'));
const deps = {
  referrals,
  kaart: new SocialeKaartStore(documentClient(), tableName('sociale-kaart')),
  contactPersons: new ContactPersonStore(documentClient(), tableName('contact-persons')),
  openNeeds: new OpenNeeds(documentClient(), tableName('idempotency'), (referralId) => referrals.openReferral(referralId)),
  queue: new PipelineQueue(sqsClient(), queueUrl),
  now: () => new Date(),
};
const answerDeps = {
  clientContacts: new ClientContacts(documentClient(), tableName('client-contacts')),
  accessLog: new AccessLog(documentClient(), tableName('access-log')),
};

/**
 * POST /referrals/{id}/actions: what a person does with a case (lifecycle.ts lists who may do what when).
 * POST /referrals/{id}/amendments: the referrer adds needs, signals or a note to an open referral: 202.
 * Both answer with the case as the person sees it now; acting on a case shows it, so it is logged.
 */
export const handler = httpHandler(async (event) => {
  const auth = await authorizeRecordRoute(event, answerDeps.accessLog);
  if ('denied' in auth) return auth.denied;
  const { access } = auth;
  const found = await visibleReferral(referrals, access, event, answerDeps.accessLog);
  if ('response' in found) return found.response;
  const { referral } = found;
  const body = readJsonBody(event, 16 * 1024);
  if (!body.ok) return body.response;
  const amending = access.route === 'POST /referrals/{referralId}/amendments';
  const parsed = (amending ? AmendmentRequestSchema : CaseActionSchema).safeParse(body.value);
  if (!parsed.success) return invalidBody(parsed.error.issues, `The ${amending ? 'amendment' : 'action'} is invalid; nothing changed.`);

  try {
    if (amending) {
      const updated = await amendReferral(deps, referral, AmendmentRequestSchema.parse(body.value), access);
      return json(202, await referralAnswer(answerDeps, event, access, updated, 'case-action:amend'));
    }
    const action = CaseActionSchema.parse(body.value);
    const updated = await actOnReferral(deps, referral, action, access);
    return json(200, await referralAnswer(answerDeps, event, access, updated, `case-action:${action.action}`));
  } catch (error) {
    if (error instanceof ActionRefused) {
      const refused = refusalProblem(error);
      // A role that may not take this action on the case (403) is a refused attempt at the record.
      return refused.statusCode === 403 || refused.statusCode === 404 ? loggedRefusal(answerDeps.accessLog, event, access, refused) : refused;
    }
    if (error instanceof DuplicateReferralError) {
      // The new need is open in another referral of this client: the same answer POST /referrals gives.
      const own = error.isOwnedBy(access.caller.organisationId);
      return problem(409, {
        type: '/problems/duplicate-referral',
        title: 'Open referral exists',
        detail: own
          ? `This client has another open referral of your organisation for ${error.need}: ${error.open.caseNumber ?? error.open.referralId}.`
          : `This client has an open referral for ${error.need} from another referrer; coordinate with them rather than refer twice.`,
        ...(own ? { openReferralId: error.open.referralId, need: error.need } : { contactPerson: error.open.contactPersonName ? { name: error.open.contactPersonName } : null }),
      });
    }
    if (error instanceof CrisisAmendmentError) {
      return problem(422, { type: '/problems/crisis-not-an-amendment', title: 'Crisis: refer anew', detail: error.message, crisis: error.crisis });
    }
    throw error;
  }
});
