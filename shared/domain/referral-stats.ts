import type { Referral } from './referral.ts';
import type { Levensdomein, ReferralStatus, Route, UnmetNeedReason, Urgency } from './vocabulary.ts';

/** Age bands wide enough that an age says little about one client. */
export const AGE_BANDS = ['0-17', '18-25', '26-44', '45-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The bands in words, for e-mails and pages. */
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  '0-17': 'jonger dan 18',
  '18-25': '18 tot en met 25',
  '26-44': '26 tot en met 44',
  '45-64': '45 tot en met 64',
  '65+': '65 of ouder',
};

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

/**
 * What the statistics count about one referral: routes, moments and reasons, never who the client
 * is (no reference, birth year, postcode or story). Kept on the referral by the store, and the only
 * part of it the statistics function can read (through the by-region index).
 */
export interface ReferralStats {
  gemeente: string;
  ageBand: AgeBand;
  repeat: boolean;
  onGgzWaitlist: boolean;
  /** Since when the client waits for ggz (a date), when they do. */
  waitingSince?: string;
  route?: Route;
  urgency?: Urgency;
  triagedAt?: string;
  /** When the pipeline handed the case to a person: contact person, region or crisis service. */
  handedOverAt?: string;
  acceptedAt?: string;
  /** The date of the first contact with the client. */
  firstContactAt?: string;
  inCareAt?: string;
  closedAt?: string;
  /** The ggz need was answered (help got, or referred elsewhere): the client no longer waits for ggz. */
  ggzHelped: boolean;
  /**
   * Social problems first with the mental-health need left for later: `planned` until the contact
   * person answers whether ggz is still needed (the re-assessment time limit runs until then).
   */
  reassessment?: 'planned' | 'ggz-needed' | 'ggz-not-needed';
  /** Bridging was called for; whether a partner was found is `bridgingServiceId` on the referral. */
  bridgingNeeded: boolean;
  bridging: boolean;
  needDomains: Levensdomein[];
  /** Needs without an offer or with an unmet outcome, each with one of the ten reason codes. */
  unmet: { domain: string; reason: UnmetNeedReason }[];
  /** Services where the client holds a place. */
  placesAt: string[];
  flaggedForRegion: boolean;
}

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
    waitingSince: referral.waiting?.onGgzWaitlist ? (referral.waiting.since ?? referral.createdAt.slice(0, 10)) : undefined,
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
