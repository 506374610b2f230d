import type { Referral, ReferralStats } from './referral.ts';
import { dutchDate } from './dutch-calendar.ts';
import type { AgeBand, ReferralStatus, UnmetNeedReason } from './vocabulary.ts';

export { AGE_BAND_LABELS, AGE_BANDS, type AgeBand } from './vocabulary.ts';

export function ageInYear(birthYear: number, at: Date): number {
  return at.getUTCFullYear() - birthYear;
}

export function ageBandOf(birthYear: number, at: Date): AgeBand {
  const age = at.getUTCFullYear() - birthYear;
  if (age < 18) return '0-17';
  if (age <= 25) return '18-25';
  if (age <= 44) return '26-44';
  if (age <= 64) return '45-64';
  return '65+';
}

export type { ReferralStats } from './referral.ts';

const firstEvent = (referral: Referral, events: string[]) => referral.timeline.find((entry) => events.includes(entry.event))?.at;

const HANDED_OVER: ReferralStatus[] = ['notified', 'flagged-for-region', 'crisis-handed-off'];

/** The current bridging partner: a bridging match the contact person did not turn down. */
export const currentBridging = (referral: Pick<Referral, 'matches'>) => referral.matches?.find((match) => match.kind === 'bridging' && !match.declined);

export function statsOf(referral: Referral): ReferralStats {
  const unmet = new Map<string, UnmetNeedReason>();
  for (const need of referral.unmetNeeds ?? []) unmet.set(need.domain, need.reason);
  for (const [need, outcome] of Object.entries(referral.outcomes ?? {})) {
    if (outcome.unmetReason) unmet.set(need, outcome.unmetReason);
    else unmet.delete(need);
  }
  const stats: ReferralStats = {
    gemeente: referral.client.gemeente,
    ageBand: ageBandOf(referral.client.birthYear, new Date(referral.createdAt)),
    repeat: referral.repeatClient === true || referral.reentryOf !== undefined,
    onGgzWaitlist: referral.waiting?.onGgzWaitlist === true,
    ggzHelped: ['got-help', 'referred-elsewhere'].includes(referral.outcomes?.['mental-health']?.result ?? ''),
    bridgingNeeded: referral.triage?.bridging === true,
    bridging: currentBridging(referral) !== undefined,
    needDomains: referral.needDomains ?? [],
    unmet: [...unmet].map(([domain, reason]) => ({ domain, reason })),
    placesAt: (referral.matches ?? []).filter((match) => match.placeReserved).map((match) => match.serviceId),
    flaggedForRegion: referral.timeline.some((entry) => entry.event === 'flagged-for-region'),
  };
  const optional: Partial<ReferralStats> = {
    waitingSince: referral.waiting?.onGgzWaitlist ? (referral.waiting.since ?? dutchDate(new Date(referral.createdAt))) : undefined,
    route: referral.triage?.route,
    urgency: referral.triage?.urgency,
    triagedAt: referral.triage?.decidedAt,
    handedOverAt: firstEvent(referral, HANDED_OVER),
    acceptedAt: firstEvent(referral, ['accepted']),
    firstContactAt: referral.firstContact?.date,
    inCareAt: firstEvent(referral, ['in-care']),
    closedAt: referral.closedAt,
    reassessment: referral.reassessment
      ? referral.reassessment.ggzStillNeeded
        ? 'ggz-needed'
        : 'ggz-not-needed'
      : referral.triage?.reassess
        ? 'planned'
        : undefined,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) (stats as unknown as Record<string, unknown>)[key] = value;
  return stats;
}

/** The attributes the store keeps from a referral's own fields, for its indexes. */
export function derivedAttributes(referral: Referral): Pick<Referral, 'stats' | 'contactPersonId' | 'bridgingServiceId'> {
  return {
    stats: statsOf(referral),
    contactPersonId: referral.contactPerson?.id,
    bridgingServiceId: currentBridging(referral)?.serviceId,
  };
}
