import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AccessLog } from '../adapters/access-log.ts';
import type { ReferralStore } from '../adapters/referral-store.ts';
import { onDesk } from '../domain/desk.ts';
import type { Referral } from '../domain/referral.ts';
import { authorize, type Access } from '../http/auth.ts';
import { REFERRAL_ID } from '../http/request.ts';
import { notFound, pseudonymised } from '../http/responses.ts';

/**
 * Whether a person may see this referral in the scope the access policy gives them. Anything else
 * answers 404, like a referral that does not exist, so that existence does not leak either.
 */
/**
 * An account that names a region (every account a region's beheerder invites does) reaches only that
 * region's records, whatever organisation id it carries; practice systems' tokens name none.
 */
export const inCallersRegion = (access: Access, regionId: string | undefined) => access.caller.regionId === undefined || regionId === access.caller.regionId;

export function maySeeReferral(
  access: Access,
  referral: Pick<Referral, 'referrerOrganisationId' | 'contactPersonId'> & Partial<Pick<Referral, 'regionId' | 'status' | 'escalatedAt'>>,
): boolean {
  switch (access.scope) {
    case 'own-organisation':
      return referral.referrerOrganisationId !== undefined && referral.referrerOrganisationId === access.caller.organisationId && inCallersRegion(access, referral.regionId);
    case 'assigned-cases':
      return referral.contactPersonId !== undefined && referral.contactPersonId === access.caller.contactPersonId;
    case 'region-desk':
      // The coordinator's region's cases while they are on the desk (flagged, or escalated): not every case of the region.
      return referral.regionId !== undefined && referral.regionId === access.caller.regionId && referral.status !== undefined && onDesk({ status: referral.status, ...(referral.escalatedAt ? { escalatedAt: referral.escalatedAt } : {}) });
    default:
      return false;
  }
}

/**
 * `authorize` for a route on one client record (`{referralId}` in the path): a signed-in person
 * refused there (their role may not) is written to the access log with the outcome, as every
 * refused attempt at a client record is (NEN 7513).
 */
export async function authorizeRecordRoute(event: APIGatewayProxyEventV2, accessLog: AccessLog): ReturnType<typeof authorize> {
  const auth = await authorize(event);
  if ('denied' in auth && auth.caller) await accessLog.record(AccessLog.refusal(event, auth.caller, undefined, auth.denied.statusCode ?? 403));
  return auth;
}

/** A refusal on a client record, logged before it is answered. */
export async function loggedRefusal(
  accessLog: AccessLog,
  event: APIGatewayProxyEventV2,
  access: Access,
  response: APIGatewayProxyStructuredResultV2,
  /** The region of the referral refused, where it exists: its privacy officer sees the attempt. */
  regionId?: string,
): Promise<APIGatewayProxyStructuredResultV2> {
  await accessLog.record(AccessLog.refusal(event, access.caller, access.role, response.statusCode ?? 404, regionId));
  return response;
}

/**
 * The referral of the request's path, if the caller may see it; otherwise the answer: 404 for one
 * that does not exist or is not theirs (alike), 410 for one pseudonymised after its retention.
 * Either refusal is in the access log, with its outcome.
 */
export async function visibleReferral(
  referrals: ReferralStore,
  access: Access,
  event: APIGatewayProxyEventV2,
  accessLog: AccessLog,
): Promise<{ referral: Referral } | { response: APIGatewayProxyStructuredResultV2 }> {
  const referralId = event.pathParameters?.referralId ?? '';
  const referral = REFERRAL_ID.test(referralId) ? await referrals.get(referralId) : undefined;
  if (!referral || !maySeeReferral(access, referral)) return { response: await loggedRefusal(accessLog, event, access, notFound('This referral'), referral?.regionId) };
  if (referral.pseudonymisedAt) return { response: await loggedRefusal(accessLog, event, access, pseudonymised(), referral.regionId) };
  return { referral };
}
