import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient, sqsClient } from '#shared/adapters/aws-clients.ts';
import { ContactPersonStore } from '#shared/adapters/contact-person-store.ts';
import { OpenNeeds } from '#shared/adapters/open-needs.ts';
import { PipelineQueue } from '#shared/adapters/pipeline-queue.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { queueUrl, tableName } from '#shared/config.ts';
import { ActionRefused, CaseActionSchema } from '#shared/domain/lifecycle.ts';
import { caseView, referralView } from '#shared/domain/referral-view.ts';
import { visibleReferral } from '#shared/access/visibility.ts';
import { authorize } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { invalidBody, readJsonBody } from '#shared/http/request.ts';
import { json, problem } from '#shared/http/responses.ts';
import { actOnReferral } from '#shared/pipeline/case-actions.ts';
import { regionById } from '#shared/regions/index.ts';

const referrals = new ReferralStore(documentClient(), tableName('referrals'));
const deps = {
  referrals,
  kaart: new SocialeKaartStore(documentClient(), tableName('sociale-kaart')),
  contactPersons: new ContactPersonStore(documentClient(), tableName('contact-persons')),
  openNeeds: new OpenNeeds(documentClient(), tableName('idempotency'), (referralId) => referrals.openReferral(referralId)),
  queue: new PipelineQueue(sqsClient(), queueUrl),
  now: () => new Date(),
};
const accessLog = new AccessLog(documentClient(), tableName('access-log'));

export const handler = httpHandler(async (event) => {
  const auth = await authorize(event);
  if ('denied' in auth) return auth.denied;
  const { access } = auth;
  const found = await visibleReferral(referrals, access, event);
  if ('response' in found) return found.response;
  const { referral } = found;
  const { referralId } = referral;
  const body = readJsonBody(event, 16 * 1024);
  if (!body.ok) return body.response;
  const parsed = CaseActionSchema.safeParse(body.value);
  if (!parsed.success) return invalidBody(parsed.error.issues, 'The action is invalid; nothing changed.');

  try {
    const updated = await actOnReferral(deps, referral, parsed.data, access);
    // Acting on a case shows it: that is a read of a client record by a person.
    await accessLog.record(AccessLog.entry(event, access, referralId, `case-action:${parsed.data.action}`));
    const { region } = regionById(updated.regionId);
    return json(200, access.role === 'clientondersteuner' ? caseView(updated, region) : referralView(updated, region, access.role));
  } catch (error) {
    if (error instanceof ActionRefused) {
      return problem(error.status, { type: error.type, title: error.status === 404 ? 'Not found' : 'Action refused', detail: error.message });
    }
    throw error;
  }
});
