import type { ServiceEntry } from '../../domain/sociale-kaart.ts';
import { COST_LABELS, FUNDING_LABELS, LEVENSDOMEIN_INFO } from '../../domain/vocabulary.ts';
import { regionById } from '../../regions/index.ts';
import { hsdsId, hsdsOrganizationId, hsdsServiceId } from './ids.ts';
import type { HsdsAttribute, HsdsOrganization, HsdsPhone, HsdsService, HsdsUnit } from './schema.ts';
import { hsdsTerm, termId, type TaxonomyKey } from './taxonomies.ts';

// Our entry as an HSDS 3.1 service. docs/sociale-kaart.md has the table of every field; from-hsds.ts
// reads it back, and the round trip is lossless for our own data.

/**
 * An entry as published; from the store, with its live reservation count and `updatedAt`, when a
 * published field last changed (seed, import, availability, verification): HSDS `last_modified`.
 */
export type PublishedService = ServiceEntry & { placesTaken?: number; updatedAt?: string };

/** The unit our capacities count in: places for new clients. */
export const PLACE_UNIT: HsdsUnit = { id: hsdsId('unit', 'plaats'), name: 'plaats', scheme: 'overbrug', identifier: 'plaats' };

export const OVERBRUG_IDENTIFIER_SCHEME = 'overbrug';

const languageNames = new Intl.DisplayNames(['nl'], { type: 'language', fallback: 'code' });

interface TermUse {
  taxonomy: TaxonomyKey;
  code: string;
  value?: string;
  label?: string;
}

/** Which of our terms describe the service, in a fixed order, with the values some carry. */
function termsOf(service: ServiceEntry): TermUse[] {
  const dimensions = [...new Set(service.domains.map((domain) => LEVENSDOMEIN_INFO[domain].dimension))];
  const { region } = regionById(service.regionId);
  const term = (taxonomy: TaxonomyKey, code: string, extra: { value?: string; label?: string } = {}): TermUse => ({ taxonomy, code, ...extra });
  return [
    ...service.domains.map((domain, index) => term('levensdomeinen', domain, { value: String(index + 1), ...(index === 0 ? { label: 'hoofddomein' } : {}) })),
    ...dimensions.map((dimension) => term('positieve-gezondheid', dimension)),
    ...service.functies.map((functie) => term('functies', String(functie))),
    term('categorieen', service.category),
    ...service.channels.map((channel) => term('kanalen', channel)),
    term('kosten', service.cost),
    ...service.funding.map((source) => term('financiering', source)),
    term('kenmerken', 'dienst-id', { value: service.serviceId }),
    term('kenmerken', 'regio', { value: service.regionId, label: region.name }),
    ...(service.bridging ? [term('kenmerken', 'wachtlijstoverbrugging')] : []),
    ...(service.inGroups ? [term('kenmerken', 'in-groepen')] : []),
    ...(service.referralNeeded ? [term('kenmerken', 'verwijzing-nodig')] : []),
    term('kenmerken', 'wachttijd-weken', { value: String(service.waitingWeeks) }),
    ...(service.fundingEnds ? [term('kenmerken', 'financiering-tot', { value: service.fundingEnds })] : []),
  ];
}

/** The ids of the terms that describe the service: what `taxonomy_term_id` filters on. */
export const termIdsOf = (service: ServiceEntry): string[] => termsOf(service).map(({ taxonomy, code }) => termId(taxonomy, code));

function attributes(service: ServiceEntry): HsdsAttribute[] {
  const link_id = hsdsServiceId(service.serviceId);
  return termsOf(service).map(({ taxonomy, code, value, label }) => {
    const term = hsdsTerm(taxonomy, code);
    return {
      id: hsdsId('attribute', service.serviceId, taxonomy, code),
      link_id,
      link_entity: 'service',
      taxonomy_term_id: term.id,
      taxonomy_term: term,
      ...(value !== undefined ? { value } : {}),
      ...(label !== undefined ? { label } : {}),
    };
  });
}

function organization(service: ServiceEntry): HsdsOrganization {
  return {
    id: hsdsOrganizationId(service.organisationId),
    name: service.organisation,
    description: '',
    organization_identifiers: [
      {
        id: hsdsId('organization_identifier', service.organisationId),
        identifier_scheme: OVERBRUG_IDENTIFIER_SCHEME,
        identifier_type: 'Overbrug organisatie-id',
        identifier: service.organisationId,
      },
    ],
  };
}

/** The one-to-one fields of a service, as `GET /services` lists them (HSDS `service_list`). */
export function toHsdsServiceSummary(service: PublishedService): HsdsService {
  const { id, name, description } = organization(service);
  return {
    id: hsdsServiceId(service.serviceId),
    organization_id: id,
    name: service.name,
    description: service.description,
    email: service.contact.email,
    status: service.active ? 'active' : 'inactive',
    application_process: service.referralNeeded
      ? 'Aanmelden met een verwijzing van huisarts, POH-ggz of wijkteam.'
      : 'Aanmelden zonder verwijzing: de cliënt of een verwijzer neemt contact op.',
    fees_description: `Kosten voor de cliënt: ${COST_LABELS[service.cost]}. Financiering: ${service.funding.map((source) => FUNDING_LABELS[source]).join(', ')}.`,
    minimum_age: service.ageRange.min,
    maximum_age: service.ageRange.max,
    assured_date: service.lastVerified,
    ...(service.updatedAt ? { last_modified: service.updatedAt } : {}),
    organization: { id, name, description },
  };
}

/**
 * The whole service with everything related, as `GET /services/{id}` and the export give it.
 * Capacity shows the places still open (capacity minus places taken), never who holds them;
 * `asOf` is when that count was read.
 */
export function toHsdsService(service: PublishedService, asOf: Date): HsdsService {
  const serviceId = service.serviceId;
  const phones: HsdsPhone[] = service.contact.phone ? [{ id: hsdsId('phone', serviceId, 'contact'), number: service.contact.phone }] : [];
  return {
    ...toHsdsServiceSummary(service),
    phones,
    service_areas: [
      ...service.area.gemeenten.map((gemeente) => ({ id: hsdsId('service_area', serviceId, 'gemeente', gemeente), name: gemeente, description: `Gemeente ${gemeente}` })),
      ...(service.area.postcodes ?? []).map((postcode) => ({
        id: hsdsId('service_area', serviceId, 'postcode', postcode),
        name: postcode,
        description: `Postcodegebied ${postcode} (PC4)`,
      })),
    ],
    languages: service.languages.map((code) => ({ id: hsdsId('language', serviceId, code), name: languageNames.of(code) ?? code, code })),
    organization: organization(service),
    funding: service.funding.map((source) => ({ id: hsdsId('funding', serviceId, source), source: FUNDING_LABELS[source] })),
    cost_options: service.cost === 'free' ? [{ id: hsdsId('cost_option', serviceId, 'free'), option: COST_LABELS.free, currency: 'EUR', amount: 0 }] : [],
    contacts: [{ id: hsdsId('contact', serviceId), name: service.contact.name, email: service.contact.email, phones }],
    capacities:
      service.capacity === null
        ? []
        : [
            {
              id: hsdsId('service_capacity', serviceId),
              unit: PLACE_UNIT,
              available: Math.max(0, service.capacity - (service.placesTaken ?? 0)),
              maximum: service.capacity,
              description: 'Plaatsen voor nieuwe cliënten',
              updated: asOf.toISOString(),
            },
          ],
    attributes: attributes(service),
  };
}
