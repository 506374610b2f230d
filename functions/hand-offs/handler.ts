import { AccessLog } from '#shared/adapters/access-log.ts';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ReferralStore } from '#shared/adapters/referral-store.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { tableName } from '#shared/config.ts';
import { handOffView, isHandedTo } from '#shared/domain/hand-off.ts';
import { authorize } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { json } from '#shared/http/responses.ts';

const referrals = new ReferralStore(documentClient(), tableName('referrals'));
const kaart = new SocialeKaartStore(documentClient(), tableName('sociale-kaart'));
const accessLog = new AccessLog(documentClient(), tableName('access-log'));

/**
 * GET /hand-offs: the clients handed to the partner's services for waitlist bridging, newest first,
 * with what the client consents to share with partners (nothing once withdrawn or closed).
 */
export const handler = httpHandler(async (event) => {
  const auth = await authorize(event);
  if ('denied' in auth) return auth.denied;
  const { access } = auth;
  const services = await kaart.listOrganisation(access.caller.organisationId!);
  const now = new Date();
  const items = [];
  for (const service of services) {
    for (const referral of await referrals.ofBridgingPartner(service.serviceId)) {
      if (isHandedTo(referral, service.serviceId)) items.push(handOffView(referral, service.serviceId, now));
    }
  }
  // Details shown are a read of the client's record by a person.
  await accessLog.recordAll(items.filter((item) => item.shared).map((item) => AccessLog.entry(event, access, item.referralId, 'read-hand-off')));
  return json(200, { services: services.map(({ serviceId, name }) => ({ serviceId, name })), items });
});
