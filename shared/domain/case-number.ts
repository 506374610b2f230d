// The case number people use to name a case: short, readable over the phone, unique per region.
// `<region prefix>-<year>-<five digits>`, e.g. RV-2026-00412. The year is the Dutch calendar year of
// the referral; the digits count the region's referrals of that year.

export const CASE_NUMBER = /^([A-Z]{2,4})-(\d{4})-(\d{5,})$/;

export function formatCaseNumber(prefix: string, year: string, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(5, '0')}`;
}

/** How a case is named where no case number exists (referrals made before case numbers): the id's start. */
export const caseLabel = (referral: { referralId: string; caseNumber?: string }) => referral.caseNumber ?? referral.referralId.slice(0, 8);

/**
 * What a search term can find: a whole case number, or its last digits (`412` or `00412` finds
 * RV-2026-00412, in any year), and otherwise the start of a client reference.
 */
export type CaseSearch = { caseNumber?: string; caseSequence?: number; clientRefPrefix: string };

export function parseCaseSearch(q: string): CaseSearch {
  const term = q.trim();
  const upper = term.toUpperCase();
  if (CASE_NUMBER.test(upper)) return { caseNumber: upper, clientRefPrefix: term };
  const digits = /^\d{1,9}$/.test(term) ? Number(term) : undefined;
  return { ...(digits !== undefined && digits > 0 ? { caseSequence: digits } : {}), clientRefPrefix: term };
}
