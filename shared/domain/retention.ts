import type { Referral } from './referral.ts';

// Retention: a closed case keeps its client details for the re-entry year and a margin, then only
// what the statistics count stays (`stats`: gemeente, age band, route, moments, reasons), with the
// case number and its plain timeline; after that, DynamoDB TTL deletes the rest.

/** Attributes a pseudonymised referral keeps. Everything else goes: client, intake, referrer, story, free texts. */
const KEPT = [
  'referralId',
  'regionId',
  'caseNumber',
  'caseSequence',
  'status',
  'createdAt',
  'statusChangedAt',
  'closedAt',
  'referrerOrganisationId',
  'stats',
  'version',
] as const satisfies readonly (keyof Referral)[];

export interface Pseudonymisation {
  set: Pick<Referral, 'timeline' | 'pseudonymisedAt' | 'expiresAt'> & { triage?: Referral['triage'] };
  remove: (keyof Referral)[];
}

/**
 * What pseudonymising a closed referral changes: the timeline keeps its events and moments but not
 * who or why (reasons people typed may name the client), the triage its route and reasons in
 * functional words but not the clinical notes, and every other attribute is removed.
 */
export function pseudonymisation(referral: Referral, now: Date, deleteAfterDays: number): Pseudonymisation {
  const set: Pseudonymisation['set'] = {
    timeline: referral.timeline.map(({ event, at }) => ({ event, at })),
    pseudonymisedAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + deleteAfterDays * 24 * 60 * 60,
  };
  if (referral.triage) {
    const { clinicalNotes: _clinical, ...triage } = referral.triage;
    set.triage = { ...triage, clinicalNotes: [] };
  }
  const remove = (Object.keys(referral) as (keyof Referral)[]).filter(
    (key) => !(KEPT as readonly string[]).includes(key) && !(key in set),
  );
  return { set, remove };
}
