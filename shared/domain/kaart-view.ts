import type { KaartItem } from './sociale-kaart.ts';
import { practicalInfo, sourceTermNames } from './kaart-practical.ts';
import { freshnessOf } from './freshness.ts';
import type { TriageRuleSet } from './region.ts';

/**
 * A sociale-kaart entry as the beheerder and its partner keep it: the published entry, how fresh
 * it is, how full, and whether its partner was asked to confirm it. Reservations show as a count:
 * which referrals hold the places is not theirs to see. What the source's HSDS said shows as the
 * practical details (address, opening hours, phones, ...) and the source's own terms.
 */
export function kaartEntryView(service: KaartItem, now: Date, freshnessRules: TriageRuleSet['matching']['freshness']) {
  const { placesTaken, reservedFor: _reservations, verification, hsds: _source, ...entry } = service;
  return {
    ...entry,
    placesTaken,
    practical: practicalInfo(service),
    sourceTerms: sourceTermNames(service),
    freshness: freshnessOf(service.lastVerified, now, freshnessRules),
    verification: verification ? { stage: verification.stage, requestedAt: verification.requestedAt, sentAt: verification.sentAt ?? null } : null,
  };
}
export type KaartEntryView = ReturnType<typeof kaartEntryView>;
