import type { ReferralStats } from '#shared/domain/referral-stats.ts';
import type { Service } from '#shared/domain/sociale-kaart.ts';
import type { CountedReferral, CountedService } from '#shared/domain/statistics.ts';

let counter = 0;

/** A sociale-kaart service in Rivierstad for adults, free, verified recently; override what matters. */
export function testService(overrides: Partial<Service> = {}): Service {
  counter++;
  return {
    serviceId: `svc-${counter}`,
    regionId: 'regio-voorbeeld',
    name: `Service ${counter}`,
    organisation: 'Testorganisatie',
    organisationId: 'testorganisatie',
    description: 'test',
    category: 'social-work',
    functies: [4],
    domains: ['finances'],
    bridging: false,
    area: { gemeenten: ['Rivierstad'] },
    ageRange: { min: 18, max: 120 },
    languages: ['nl'],
    channels: ['phone', 'in-person'],
    capacity: 10,
    waitingWeeks: 0,
    lastVerified: new Date().toISOString().slice(0, 10),
    active: true,
    referralNeeded: false,
    cost: 'free',
    funding: ['wmo'],
    contact: { name: 'Aanmelding', email: `svc-${counter}@test.example` },
    placesTaken: 0,
    reservedFor: [],
    ...overrides,
  };
}

/**
 * The best bridging partner for the combined sample's client (35, Rivierstad) with one place:
 * what the last-place race is run on.
 */
export const lastPlaceService = (serviceId: string) =>
  testService({
    serviceId,
    name: 'Laatste plek (test)',
    category: 'experience-expert',
    domains: ['mental-health', 'social-contacts'],
    bridging: true,
    ageRange: { min: 30, max: 45 },
    capacity: 1,
  });

/** The service as a DynamoDB item: an empty string set cannot be stored, so it is left out. */
export function serviceItem(service: Service): Record<string, unknown> {
  const { reservedFor, ...item } = service;
  return reservedFor.length ? { ...item, reservedFor: new Set(reservedFor) } : item;
}

let countedReferrals = 0;

/** A referral as the statistics count it (a Rivierstad social-domain referral of 2 Nov 2026); override what matters. */
export function countedReferral(overrides: Partial<ReferralStats> = {}, extra: Partial<CountedReferral> = {}): CountedReferral {
  countedReferrals++;
  return {
    referralId: `r-${countedReferrals}`,
    status: 'notified',
    createdAt: '2026-11-02T09:00:00Z',
    stats: { gemeente: 'Rivierstad', ageBand: '26-44', repeat: false, onGgzWaitlist: false, ggzHelped: false, bridgingNeeded: false, bridging: false, needDomains: [], unmet: [], placesAt: [], flaggedForRegion: false, route: 'social-domain', ...overrides },
    ...extra,
  };
}

export const countedReferralsOf = (count: number, overrides: Partial<ReferralStats> = {}, extra: Partial<CountedReferral> = {}) =>
  Array.from({ length: count }, () => countedReferral(overrides, extra));

/** A sociale-kaart service as the statistics count it: 20 places, 6 taken. */
export const countedService = (overrides: Partial<CountedService> = {}): CountedService => ({
  serviceId: 's-1', name: 'Dienst', organisation: 'Org', gemeenten: ['Rivierstad'], capacity: 20, placesTaken: 6, waitingWeeks: 2, freshness: 'fresh', active: true, ...overrides,
});
