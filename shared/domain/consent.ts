import type { ReferralRequest } from './referral-request.ts';
import type { ConsentData, ConsentRecipient } from './vocabulary.ts';

/** Per recipient, the kinds of data the client agreed to share with them. */
export type ConsentGrants = Record<ConsentRecipient, ConsentData[]>;

/**
 * The grants the three consent answers of a referral give. The contact person gets the functional
 * needs and the story (they support the client); diagnosis-like content only with `shareDiagnosis`.
 * Partners get functional needs only with `shareWithPartners`, diagnosis-like content only with
 * both. Naasten only with `involveNaasten`, and never diagnosis-like content. The client themselves
 * gets the client letter by e-mail only with `emailClient` (the letter names the people and
 * services of their case, the functional side).
 */
export function grantsFrom(consent: ReferralRequest['consent']): ConsentGrants {
  return {
    'contact-person': ['functional-needs', 'story', ...(consent.shareDiagnosis ? (['diagnosis'] as const) : [])],
    partners: consent.shareWithPartners ? ['functional-needs', ...(consent.shareDiagnosis ? (['diagnosis'] as const) : [])] : [],
    naasten: consent.involveNaasten ? ['functional-needs'] : [],
    client: consent.emailClient ? ['functional-needs'] : [],
  };
}

/** Whether this referral may share `data` with `recipient` now: its grants, or the answers it came with. */
export function mayShare(referral: { consent: ReferralRequest['consent']; consentGrants?: ConsentGrants }, recipient: ConsentRecipient, data: ConsentData): boolean {
  // Grants stored before a recipient existed (the client, since the client letter) hold nothing for it.
  return ((referral.consentGrants ?? grantsFrom(referral.consent))[recipient] ?? []).includes(data);
}

/** The grants after a withdrawal: the named kinds of data, or all, no longer go to the recipient. */
export function withdraw(grants: ConsentGrants, recipient: ConsentRecipient, data?: ConsentData[]): ConsentGrants {
  return { ...grants, [recipient]: data ? (grants[recipient] ?? []).filter((kind) => !data.includes(kind)) : [] };
}
