import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ClientContacts } from '#shared/adapters/client-contacts.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { tableName } from '#shared/config.ts';
import { HandOffActionRefused, HandOffActionSchema, handOffView, isHandedTo } from '#shared/domain/hand-off.ts';
import type { Referral } from '#shared/domain/referral.ts';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { authorize, type Access } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { authorizeRecordRoute, loggedRefusal } from '#shared/http/record-access.ts';
import { contactFor } from '#shared/http/referral-answer.ts';
import { refusalProblem } from '#shared/http/refusals.ts';
import { invalidBody, readJsonBody, REFERRAL_ID } from '#shared/http/request.ts';
import { json, notFound } from '#shared/http/responses.ts';
import { actOnHandOff } from '#shared/pipeline/hand-off-actions.ts';

const referrals = new ReferralStore(documentClient(), tableName('referrals'));
const kaart = new SocialeKaartStore(documentClient(), tableName('sociale-kaart'));
const clientContacts = new ClientContacts(documentClient(), tableName('client-contacts'));
const accessLog = new AccessLog(documentClient(), tableName('access-log'));

/**
 * A hand-off as the partner sees it, with how to reach the client while it holds. Details shown
 * are a read of the client's record by a person, the contact details a second one: both logged.
 */
async function shownHandOff(event: APIGatewayProxyEventV2, access: Access, referral: Referral, serviceId: string, now: Date) {
  const preview = handOffView(referral, serviceId, now);
  const contact = preview.state === 'active' && referral.hasClientContact ? await contactFor({ clientContacts }, referral) : undefined;
  const view = contact === undefined ? preview : handOffView(referral, serviceId, now, contact);
  const entries = view.shared ? [AccessLog.entry(event, access, referral.referralId, 'read-hand-off', 'shown', referral.regionId)] : [];
  if (view.client?.contact) entries.push(AccessLog.entry(event, access, referral.referralId, 'read-client-contact', 'shown', referral.regionId));
  return { view, entries };
}

/**
 * GET /hand-offs: the clients handed to the partner's services for waitlist bridging, newest first,
 * with what the client consents to share with partners (nothing once withdrawn or closed).
 * POST /hand-offs/{referralId}/actions: the partner accepts a hand-off or records its first contact.
 */
export const handler = httpHandler(async (event) => {
  const onRecord = event.routeKey === 'POST /hand-offs/{referralId}/actions';
  const auth = onRecord ? await authorizeRecordRoute(event, accessLog) : await authorize(event);
  if ('denied' in auth) return auth.denied;
  const { access } = auth;
  const services = await kaart.listOrganisation(access.caller.organisationId!, access.caller.regionId);
  const now = new Date();

  if (access.route === 'POST /hand-offs/{referralId}/actions') {
    const referralId = event.pathParameters?.referralId ?? '';
    const referral = REFERRAL_ID.test(referralId) ? await referrals.get(referralId) : undefined;
    // Only a hand-off to one of the partner's own services exists for them; anything else is 404.
    const service = referral && services.find((candidate) => isHandedTo(referral, candidate.serviceId));
    if (!referral || !service || referral.pseudonymisedAt) return loggedRefusal(accessLog, event, access, notFound('This hand-off'), referral?.regionId);
    const body = readJsonBody(event, 4 * 1024);
    if (!body.ok) return body.response;
    const parsed = HandOffActionSchema.safeParse(body.value);
    if (!parsed.success) return invalidBody(parsed.error.issues, 'The action is invalid; nothing changed.');
    try {
      const updated = await actOnHandOff({ referrals, now: () => now }, referral, service.serviceId, parsed.data, access);
      const { view, entries } = await shownHandOff(event, access, updated, service.serviceId, now);
      await accessLog.recordAll(entries);
      return json(200, view);
    } catch (error) {
      if (!(error instanceof HandOffActionRefused)) throw error;
      return refusalProblem(error);
    }
  }

  const items = [];
  const entries = [];
  for (const service of services) {
    for (const referral of await referrals.ofBridgingPartner(service.serviceId)) {
      if (!isHandedTo(referral, service.serviceId)) continue;
      const shown = await shownHandOff(event, access, referral, service.serviceId, now);
      items.push(shown.view);
      // Every line shown is a case the partner saw, details or not (one entry per case shown).
      entries.push(...(shown.entries.length ? shown.entries : [AccessLog.entry(event, access, referral.referralId, 'list-hand-offs', 'shown', referral.regionId)]));
    }
  }
  await accessLog.recordAll(entries);
  return json(200, { services: services.map(({ serviceId, name }) => ({ serviceId, name })), items });
});
