import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ReferralStore } from '../adapters/referral-store.ts';
import type { Referral } from '../domain/referral.ts';
import type { Access } from '../http/auth.ts';
import { REFERRAL_ID } from '../http/request.ts';
import { notFound, pseudonymised } from '../http/responses.ts';

/**
 * Whether a person may see this referral in the scope the access policy gives them. Anything else
 * answers 404, like a referral that does not exist, so that existence does not leak either.
 */
export function maySeeReferral(access: Access, referral: Pick<Referral, 'referrerOrganisationId' | 'contactPersonId'>): boolean {
  switch (access.scope) {
    case 'own-organisation':
      return referral.referrerOrganisationId !== undefined && referral.referrerOrganisationId === access.caller.organisationId;
    case 'assigned-cases':
      return referral.contactPersonId !== undefined && referral.contactPersonId === access.caller.contactPersonId;
    default:
      return false;
  }
}

/**
 * The referral of the request's path, if the caller may see it; otherwise the answer: 404 for one
 * that does not exist or is not theirs (alike), 410 for one pseudonymised after its retention.
 */
export async function visibleReferral(
  referrals: ReferralStore,
  access: Access,
  event: APIGatewayProxyEventV2,
): Promise<{ referral: Referral } | { response: APIGatewayProxyStructuredResultV2 }> {
  const referralId = event.pathParameters?.referralId ?? '';
  const referral = REFERRAL_ID.test(referralId) ? await referrals.get(referralId) : undefined;
  if (!referral || !maySeeReferral(access, referral)) return { response: notFound('This referral') };
  if (referral.pseudonymisedAt) return { response: pseudonymised() };
  return { referral };
}
