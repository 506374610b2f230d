import type { ContactPerson } from '#shared/domain/contact-person.ts';

/** A contact person of the demo region for unit tests: available, with room, no clients; `overrides` as the test needs. */
export function contactPerson(id: string, overrides: Partial<ContactPerson> = {}): ContactPerson {
  return {
    contactPersonId: id,
    regionId: 'regio-voorbeeld',
    name: id,
    organisation: 'Cliëntondersteuning',
    email: `${id}@example.org`,
    gemeenten: ['Rivierstad'],
    caseloadLimit: 10,
    languages: ['nl'],
    active: true,
    caseload: 0,
    clients: [],
    ...overrides,
  };
}
