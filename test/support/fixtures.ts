import type { Service } from '#shared/domain/sociale-kaart.ts';

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
