import type { Referral } from '../domain/referral.ts';
import type { Access } from '../http/auth.ts';

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
