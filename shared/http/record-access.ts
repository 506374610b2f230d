import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { maySeeReferral } from '../access/visibility.ts';
import { AccessLog } from '../adapters/access-log.ts';
import type { ReferralStore } from '../adapters/referral-store.ts';
import type { Referral } from '../domain/referral.ts';
import { authorize, type Access } from './auth.ts';
import { REFERRAL_ID } from './request.ts';
import { notFound, pseudonymised } from './responses.ts';

// A route on one client record (`{referralId}` in the path): who may see it is the use cases'
// (shared/access/visibility.ts); answering a refusal, and logging it, is HTTP's.

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
