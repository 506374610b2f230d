import { onDesk } from '../domain/desk.ts';
import type { Referral } from '../domain/referral.ts';
import type { Access } from './caller.ts';

/**
 * An account that names a region (every account a region's beheerder invites does) reaches only that
 * region's records, whatever organisation id it carries; practice systems' tokens name none.
 */
export const inCallersRegion = (access: Access, regionId: string | undefined) => access.caller.regionId === undefined || regionId === access.caller.regionId;

/**
 * Whether a person may see this referral in the scope the access policy gives them. Anything else
 * answers 404, like a referral that does not exist, so that existence does not leak either.
 */
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
