import type { ServiceEntry } from '../../domain/sociale-kaart.ts';
import { COST_LABELS, FUNDING_LABELS, LEVENSDOMEIN_INFO } from '../../domain/vocabulary.ts';
import { regionById } from '../../regions/index.ts';
import { hsdsId, hsdsOrganizationId, hsdsServiceId } from './ids.ts';
import { canonicalLanguage } from './languages.ts';
import { HSDS_OBJECTS, isRecord, type HsdsType } from './objects.ts';
import type { HsdsAttribute, HsdsOrganization, HsdsPhone, HsdsService, HsdsUnit } from './schema.ts';
import { hsdsTerm, termId, type TaxonomyKey } from './taxonomies.ts';

// Our entry as an HSDS 3.1 service: what the source said (`hsds`, kept at import) with our own
// fields over it. docs/sociale-kaart.md has the table of every field; from-hsds.ts reads it back,
// and the round trip is lossless both ways: for our own data, and for a valid HSDS document.

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

/** The source's own attributes of the service: its taxonomy terms, kept at import. */
export const sourceAttributes = (service: ServiceEntry): HsdsAttribute[] => (Array.isArray(service.hsds?.service.attributes) ? (service.hsds.service.attributes as unknown as HsdsAttribute[]) : []);

/** The ids of the terms that describe the service, ours and the source's: what `taxonomy_term_id` filters on. */
export const termIdsOf = (service: ServiceEntry): string[] => [
  ...termsOf(service).map(({ taxonomy, code }) => termId(taxonomy, code)),
  ...sourceAttributes(service)
    .map((attribute) => attribute.taxonomy_term?.id ?? attribute.taxonomy_term_id)
    .filter((id): id is string => !!id),
];

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

/** HSDS requires an organisation's description; when the source gave none, this says what we know. */
export const generatedDescription = (service: ServiceEntry) => `${service.organisation}: aanbieder op de sociale kaart van ${regionById(service.regionId).region.name}.`;

function organization(service: ServiceEntry): HsdsOrganization {
  const kept = (service.hsds?.organization ?? {}) as Partial<HsdsOrganization>;
  return {
    ...kept,
    id: hsdsOrganizationId(service.organisationId),
    name: service.organisation,
    description: typeof kept.description === 'string' && kept.description.trim() ? kept.description : generatedDescription(service),
    organization_identifiers: [
      ...(kept.organization_identifiers ?? []),
      {
        id: hsdsId('organization_identifier', service.organisationId),
        identifier_scheme: OVERBRUG_IDENTIFIER_SCHEME,
        identifier_type: 'Overbrug organisatie-id',
        identifier: service.organisationId,
      },
    ],
  };
}

/**
 * The one-to-one fields our export writes from the entry alone: what is kept of a source equal to
 * them need not be kept, so an export imported back is the same entry.
 */
export const generatedFields = (service: ServiceEntry): Record<string, string> => ({
  email: service.contact.email,
  status: service.active ? 'active' : 'inactive',
  application_process: referralText(service),
  fees_description: feesText(service),
});

const referralText = (service: ServiceEntry) =>
  service.referralNeeded ? 'Aanmelden met een verwijzing van huisarts, POH-ggz of wijkteam.' : 'Aanmelden zonder verwijzing: de cliënt of een verwijzer neemt contact op.';
const feesText = (service: ServiceEntry) => `Kosten voor de cliënt: ${COST_LABELS[service.cost]}. Financiering: ${service.funding.map((source) => FUNDING_LABELS[source]).join(', ')}.`;
const listOf = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/**
 * The whole service with everything related, as `GET /services/{id}` and the export give it: what
 * the source said, with our fields over it and our terms beside its own. Capacity shows the places
 * still open (capacity minus places taken), never who holds them; `asOf` is when that was counted.
 * What cannot be published as valid HSDS is left out and counted in `left` (see publishable).
 */
export function toHsdsService(service: PublishedService, asOf: Date, left?: Map<string, number>): HsdsService {
  const serviceId = service.serviceId;
  const kept = (service.hsds?.service ?? {}) as Record<string, unknown>;
  const phones: HsdsPhone[] = service.contact.phone ? [{ id: hsdsId('phone', serviceId, 'contact'), number: service.contact.phone }] : [];
  const keptAreas = listOf<{ name?: string }>(kept.service_areas);
  const keptAreaNames = new Set(keptAreas.map((area) => area.name?.trim().toLowerCase()));
  const ourAreas = [
    ...service.area.gemeenten.map((gemeente) => ({ id: hsdsId('service_area', serviceId, 'gemeente', gemeente), name: gemeente, description: `Gemeente ${gemeente}` })),
    ...(service.area.postcodes ?? []).map((postcode) => ({ id: hsdsId('service_area', serviceId, 'postcode', postcode), name: postcode, description: `Postcodegebied ${postcode} (PC4)` })),
  ].filter((area) => !keptAreaNames.has(area.name.toLowerCase()));
  const keptLanguages = listOf<{ code?: string; name?: string }>(kept.languages);
  const keptCodes = new Set(keptLanguages.map((language) => (language.code ? canonicalLanguage(language.code) : undefined) ?? (language.name ? canonicalLanguage(language.name) : undefined)));
  const keptStatus = typeof kept.status === 'string' && (kept.status === 'active') === service.active ? kept.status : undefined;
  const published: HsdsService = {
    ...(kept as Partial<HsdsService>),
    id: hsdsServiceId(serviceId),
    organization_id: hsdsOrganizationId(service.organisationId),
    name: service.name,
    ...(service.description ? { description: service.description } : {}),
    email: typeof kept.email === 'string' ? kept.email : service.contact.email,
    status: (keptStatus ?? (service.active ? 'active' : 'inactive')) as HsdsService['status'],
    application_process: typeof kept.application_process === 'string' ? kept.application_process : referralText(service),
    fees_description: typeof kept.fees_description === 'string' ? kept.fees_description : feesText(service),
    minimum_age: service.ageRange.min,
    maximum_age: service.ageRange.max,
    assured_date: service.lastVerified,
    ...(service.updatedAt ? { last_modified: service.updatedAt } : {}),
    phones: listOf<HsdsPhone>(kept.phones).length ? listOf<HsdsPhone>(kept.phones) : phones,
    service_areas: [...(keptAreas as HsdsService['service_areas'] & object), ...ourAreas],
    languages: [
      ...(keptLanguages as HsdsService['languages'] & object),
      ...service.languages.filter((code) => !keptCodes.has(code)).map((code) => ({ id: hsdsId('language', serviceId, code), name: languageNames.of(code) ?? code, code })),
    ],
    organization: organization(service),
    funding: listOf(kept.funding).length ? (kept.funding as HsdsService['funding']) : service.funding.map((source) => ({ id: hsdsId('funding', serviceId, source), source: FUNDING_LABELS[source] })),
    cost_options: listOf(kept.cost_options).length
      ? (kept.cost_options as HsdsService['cost_options'])
      : service.cost === 'free'
        ? [{ id: hsdsId('cost_option', serviceId, 'free'), option: COST_LABELS.free, currency: 'EUR', amount: 0 }]
        : [],
    contacts: listOf(kept.contacts).length ? (kept.contacts as HsdsService['contacts']) : [{ id: hsdsId('contact', serviceId), name: service.contact.name, email: service.contact.email, phones }],
    capacities: [
      ...(service.capacity === null
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
          ]),
      ...listOf<NonNullable<HsdsService['capacities']>[number]>(kept.capacities),
    ],
    attributes: [...attributes(service), ...sourceAttributes(service)],
  };
  return publishable('service', published as unknown as Record<string, unknown>, left) as unknown as HsdsService;
}

/** The one-to-one fields of a service with its organization and program, as `GET /services` lists them (HSDS `service_list`). */
export function toHsdsServiceSummary(service: PublishedService): HsdsService {
  const full = toHsdsService(service, new Date(0)) as unknown as Record<string, unknown>;
  const summary = oneToOne('service', full);
  for (const ref of ['organization', 'program'] as const) if (isRecord(full[ref])) summary[ref] = oneToOne(ref, full[ref]);
  return summary as unknown as HsdsService;
}

/** An object's own fields: what a table row of it holds. */
export function oneToOne(type: HsdsType, object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([field, value]) => HSDS_OBJECTS[type].columns.includes(field) && value !== undefined));
}

/** Nested objects that must have a nested object of their own to be valid HSDS. */
const REQUIRED_REFS: Partial<Record<HsdsType, string[]>> = { service_capacity: ['unit'] };

/**
 * The object without what would make it invalid HSDS: nested objects that lack a required field
 * (a source's address without a province, say) stay with the entry but are not published. `left`
 * counts them by object, for an export to say.
 */
export function publishable(type: HsdsType, object: Record<string, unknown>, left?: Map<string, number>): Record<string, unknown> {
  const spec = HSDS_OBJECTS[type];
  const out: Record<string, unknown> = { ...object };
  for (const [field, list] of Object.entries(spec.lists)) {
    if (!Array.isArray(object[field])) continue;
    out[field] = (object[field] as unknown[]).filter((child) => {
      const ok = isRecord(child) && isComplete(list.type, child);
      if (!ok) left?.set(list.type, (left.get(list.type) ?? 0) + 1);
      return ok;
    }).map((child) => publishable(list.type, child as Record<string, unknown>, left));
  }
  for (const [field, ref] of Object.entries(spec.refs)) {
    const child = object[field];
    if (!isRecord(child)) continue;
    if (isComplete(ref.type, child)) {
      out[field] = publishable(ref.type, child, left);
      out[ref.key] ??= child.id;
    } else {
      delete out[field];
      left?.set(ref.type, (left.get(ref.type) ?? 0) + 1);
    }
  }
  return out;
}

const isComplete = (type: HsdsType, object: Record<string, unknown>) =>
  HSDS_OBJECTS[type].required.every((field) => object[field] !== undefined && object[field] !== null && object[field] !== '') &&
  (REQUIRED_REFS[type] ?? []).every((field) => isRecord(object[field]));
