import { z } from 'zod';
import type { FieldError } from '../../http/responses.ts';
import { REGIONS } from '../../regions/index.ts';
import { hsdsServiceId, UUID } from './ids.ts';
import { isRecord } from './objects.ts';
import type { HsdsPage, HsdsService } from './schema.ts';
import { hsdsTaxonomy, hsdsTerm, OUR_TERMS, TAXONOMIES, TAXONOMY_KEYS, taxonomyId } from './taxonomies.ts';
import { oneToOne, termIdsOf, toHsdsService, toHsdsServiceSummary, type PublishedService } from './to-hsds.ts';

// The HSDS 3.1 read API over our sociale kaart (openapi.json), pure: the services-api function
// reads the table and hands the services in. Served under the base path /hsds: `GET /hsds/` says
// which HSDS this is, then services, organizations, service_at_locations, taxonomies and
// taxonomy_terms, each as a page and one by id. `GET /services` stays where it was.

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;
export const HSDS_VERSION = '3.1';
/**
 * Overbrug publishes HSDS 3.1 as it is, without a profile of its own (our taxonomies are data, not
 * schema changes): the profile named is the specification's schema set it conforms to.
 */
export const HSDS_PROFILE = 'https://github.com/openreferral/specification/tree/abc731c8ac11825010e9d74a0ab61dcd48e880ec/schema';

type Json = Record<string, unknown>;

const uuid = z.string().regex(UUID, 'Must be a lowercase UUID, as HSDS ids are');
const positiveInt = (max?: number) => {
  const message = max ? `Must be a whole number from 1 to ${max}` : 'Must be a whole number from 1';
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.int().min(1, message).max(max ?? Number.MAX_SAFE_INTEGER, message));
};
const flag = z.enum(['true', 'false'], { error: 'Must be true or false' }).transform((value) => value === 'true');
const paging = {
  search: z.string().trim().min(1).max(200).optional(),
  page: positiveInt().default(1),
  per_page: positiveInt(MAX_PER_PAGE).default(DEFAULT_PER_PAGE),
  format: z.literal('json', { error: 'Only json is served' }).optional(),
};
const byTerm = { taxonomy_term_id: uuid.optional(), taxonomy_id: uuid.optional() };
const modifiedAfter = z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'Must be an ISO 8601 date or date-time, e.g. 2026-11-01T00:00:00Z' }).optional();

/** The query parameters each list serves. Others (proximity, minimal, ndjson) are refused, never silently ignored. */
export const QUERY_SCHEMAS = {
  services: z.strictObject({ ...paging, ...byTerm, organization_id: uuid.optional(), modified_after: modifiedAfter, full: flag.default(false) }),
  organizations: z.strictObject({ ...paging, ...byTerm, full: flag.default(false), full_service: flag.default(false) }),
  organization: z.strictObject({ full_service: flag.default(false) }),
  service_at_locations: z.strictObject({
    ...paging,
    ...byTerm,
    organization_id: uuid.optional(),
    modified_after: modifiedAfter,
    full: flag.default(false),
    postcode: z.string().trim().regex(/^[1-9][0-9]{3}\s?([A-Za-z]{2})?$/, 'Must be a Dutch postcode: 9902 or 9902 AB').optional(),
  }),
  taxonomies: z.strictObject({ ...paging }),
  taxonomy_terms: z.strictObject({ ...paging, taxonomy_id: uuid.optional(), parent_id: uuid.optional(), top_only: flag.default(false) }),
} as const;
export type QueryKind = keyof typeof QUERY_SCHEMAS;
export type Query<K extends QueryKind> = z.infer<(typeof QUERY_SCHEMAS)[K]>;
export type ServicesQuery = Query<'services'>;

/** The query, or every failing parameter. */
export function parseQuery<K extends QueryKind>(kind: K, parameters: Record<string, string | undefined> | undefined): { ok: true; query: Query<K> } | { ok: false; errors: FieldError[] } {
  const schema = QUERY_SCHEMAS[kind];
  const parsed = schema.safeParse(parameters ?? {});
  if (parsed.success) return { ok: true, query: parsed.data as Query<K> };
  const served = Object.keys(schema.shape);
  return {
    ok: false,
    errors: parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: key, message: `Unknown parameter: this directory serves ${served.slice(0, -1).join(', ')}${served.length > 1 ? ' and ' : ''}${served.at(-1)}` }))
        : [{ path: issue.path.map(String).join('.'), message: issue.message }],
    ),
  };
}

/** `GET /services`'s query, as before the other endpoints came. */
export const parseServicesQuery = (parameters: Record<string, string | undefined> | undefined) => parseQuery('services', parameters);

/** Lowercase, without diacritics: "cliënt" finds "client". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase('nl');
const hasWords = (search: string | undefined, ...texts: unknown[]) => {
  if (!search) return true;
  const haystack = fold(texts.filter((text): text is string => typeof text === 'string').join(' '));
  return fold(search).split(/\s+/).every((word) => haystack.includes(word));
};

/** One page of items, as HSDS's paginated response. */
export function pageOf<T>(items: readonly T[], query: { page: number; per_page: number }): HsdsPage<T> {
  const totalPages = Math.ceil(items.length / query.per_page);
  const contents = items.slice((query.page - 1) * query.per_page, query.page * query.per_page);
  return {
    total_items: items.length,
    total_pages: totalPages,
    page_number: query.page,
    size: contents.length,
    first_page: query.page === 1,
    last_page: query.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

const byName = (a: PublishedService, b: PublishedService) => a.name.localeCompare(b.name, 'nl') || a.serviceId.localeCompare(b.serviceId);

/** The terms' taxonomies of a service, ours and its source's: what `taxonomy_id` filters on. */
function taxonomyIdsOf(service: PublishedService): Set<string> {
  const ids = new Set<string>();
  for (const id of termIdsOf(service)) {
    const ours = OUR_TERMS.get(id);
    if (ours) ids.add(taxonomyId(ours.taxonomy));
  }
  for (const term of sourceTerms(service)) {
    const taxonomy = typeof term.taxonomy_id === 'string' ? term.taxonomy_id : isRecord(term.taxonomy_detail) ? String(term.taxonomy_detail.id) : undefined;
    if (taxonomy) ids.add(taxonomy);
  }
  return ids;
}

const matchesTerms = (service: PublishedService, query: { taxonomy_term_id?: string; taxonomy_id?: string }) =>
  (!query.taxonomy_term_id || termIdsOf(service).includes(query.taxonomy_term_id)) && (!query.taxonomy_id || taxonomyIdsOf(service).has(query.taxonomy_id));
const modifiedSince = (service: PublishedService, after: string | undefined) => !after || (service.updatedAt !== undefined && Date.parse(service.updatedAt) >= Date.parse(after));
const organizationIdOf = (service: PublishedService, asOf: Date) => String((toHsdsService(service, asOf).organization as { id: string }).id);

function matchesQuery(service: PublishedService, query: ServicesQuery): boolean {
  return (
    hasWords(query.search, service.name, service.description, service.organisation) &&
    matchesTerms(service, query) &&
    (!query.organization_id || organizationIdOf(service, new Date(0)) === query.organization_id) &&
    modifiedSince(service, query.modified_after)
  );
}

/** One page of the services that match, in name order. */
export function queryServices(services: readonly PublishedService[], query: ServicesQuery, asOf: Date): HsdsPage<HsdsService> {
  const matching = services.filter((service) => matchesQuery(service, query)).sort(byName);
  const page = pageOf(matching, query);
  return { ...page, contents: page.contents.map((service) => (query.full ? toHsdsService(service, asOf) : toHsdsServiceSummary(service))) };
}

/** Whether a path id names this service: its HSDS id, or our own id. */
export const isServiceNamed = (service: PublishedService, id: string) => service.serviceId === id || hsdsServiceId(service.serviceId) === id;

// --- organizations ---------------------------------------------------------------------------

interface OrganizationGroup {
  organization: Json;
  services: PublishedService[];
}

/** Every organisation with its services; its details from the service whose entry changed last. */
export function organizationsOf(services: readonly PublishedService[], asOf: Date): Map<string, OrganizationGroup> {
  const groups = new Map<string, OrganizationGroup & { updatedAt: string }>();
  for (const service of services) {
    const organization = toHsdsService(service, asOf).organization as Json;
    const id = String(organization.id);
    const group = groups.get(id);
    const updatedAt = service.updatedAt ?? '';
    if (!group) groups.set(id, { organization, services: [service], updatedAt });
    else {
      group.services.push(service);
      if (updatedAt > group.updatedAt) Object.assign(group, { organization, updatedAt });
    }
  }
  return groups;
}

function organizationView(group: OrganizationGroup, full: boolean, fullServices: boolean, asOf: Date): Json {
  const services = [...group.services].sort(byName).map((service) => (fullServices ? withoutOrganization(toHsdsService(service, asOf)) : oneToOne('service', toHsdsService(service, asOf) as unknown as Json)));
  return { ...(full ? group.organization : oneToOne('organization', group.organization)), ...(full || fullServices ? { services } : {}) };
}

const withoutOrganization = (service: HsdsService): Json => {
  const { organization: _organization, ...rest } = service as unknown as Json;
  return rest;
};

export function queryOrganizations(services: readonly PublishedService[], query: Query<'organizations'>, asOf: Date): HsdsPage<Json> {
  const groups = [...organizationsOf(services, asOf).values()]
    .filter((group) => hasWords(query.search, group.organization.name, group.organization.alternate_name, group.organization.description))
    .filter((group) => (!query.taxonomy_term_id && !query.taxonomy_id) || group.services.some((service) => matchesTerms(service, query)))
    .sort((a, b) => String(a.organization.name).localeCompare(String(b.organization.name), 'nl') || String(a.organization.id).localeCompare(String(b.organization.id)));
  const page = pageOf(groups, query);
  return { ...page, contents: page.contents.map((group) => organizationView(group, query.full || query.full_service, query.full_service, asOf)) };
}

/** One organisation, fully nested, with its services (their one-to-one fields, or whole with `full_service`). */
export function organizationById(services: readonly PublishedService[], id: string, query: Query<'organization'>, asOf: Date): Json | undefined {
  const group = organizationsOf(services, asOf).get(id) ?? [...organizationsOf(services, asOf).values()].find((candidate) => candidate.services.some((service) => service.organisationId === id));
  return group ? organizationView(group, true, query.full_service, asOf) : undefined;
}

// --- service_at_locations --------------------------------------------------------------------

interface Place {
  place: Json;
  service: PublishedService;
}

/** Where the services are given: the service_at_locations their sources named. */
export function placesOf(services: readonly PublishedService[], asOf: Date): Place[] {
  return services.flatMap((service) => {
    const places = (toHsdsService(service, asOf) as unknown as Json).service_at_locations;
    return Array.isArray(places) ? places.filter(isRecord).map((place) => ({ place, service })) : [];
  });
}

/** Whether the service's area covers the postcode's PC4: one of its postcodes, or of its gemeenten. */
function covers(service: PublishedService, postcode: string): boolean {
  const pc4 = postcode.slice(0, 4);
  if (service.area.postcodes?.includes(pc4)) return true;
  const region = REGIONS.find((config) => config.region.regionId === service.regionId)?.region;
  return !!region?.gemeenten.some((gemeente) => service.area.gemeenten.includes(gemeente.name) && gemeente.postcodes.includes(pc4));
}

function placeView({ place, service }: Place, full: boolean, asOf: Date): Json {
  const published = toHsdsService(service, asOf);
  const location = isRecord(place.location) ? place.location : undefined;
  const { service_at_locations: _places, ...serviceWithoutPlaces } = published as unknown as Json;
  return {
    ...(full ? place : oneToOne('service_at_location', place)),
    service_id: published.id,
    ...(location ? { location_id: location.id, location: full ? location : oneToOne('location', location) } : {}),
    service: full ? serviceWithoutPlaces : { ...oneToOne('service', serviceWithoutPlaces), ...(isRecord(serviceWithoutPlaces.organization) ? { organization: oneToOne('organization', serviceWithoutPlaces.organization) } : {}) },
  };
}

export function queryServiceAtLocations(services: readonly PublishedService[], query: Query<'service_at_locations'>, asOf: Date): HsdsPage<Json> {
  const places = placesOf(services, asOf)
    .filter(({ place, service }) => {
      const location = isRecord(place.location) ? place.location : {};
      const addresses = Array.isArray(location.addresses) ? location.addresses.filter(isRecord) : [];
      return (
        hasWords(query.search, service.name, service.description, service.organisation, place.description, location.name, ...addresses.flatMap((address) => [address.address_1, address.city, address.postal_code])) &&
        matchesTerms(service, query) &&
        (!query.organization_id || organizationIdOf(service, asOf) === query.organization_id) &&
        modifiedSince(service, query.modified_after) &&
        (!query.postcode || covers(service, query.postcode.replace(/\s/g, '')))
      );
    })
    .sort((a, b) => byName(a.service, b.service) || String(a.place.id).localeCompare(String(b.place.id)));
  const page = pageOf(places, query);
  return { ...page, contents: page.contents.map((place) => placeView(place, query.full, asOf)) };
}

export function serviceAtLocationById(services: readonly PublishedService[], id: string, asOf: Date): Json | undefined {
  const found = placesOf(services, asOf).find(({ place }) => place.id === id);
  return found ? placeView(found, true, asOf) : undefined;
}

// --- taxonomies and terms --------------------------------------------------------------------

/** The source's terms on a service, as published (with their taxonomy when the source gave it). */
function sourceTerms(service: PublishedService): Json[] {
  const kept = service.hsds?.service.attributes;
  if (!Array.isArray(kept)) return [];
  return (kept as unknown[]).filter(isRecord).map((attribute) => attribute.taxonomy_term).filter(isRecord);
}

/** Every taxonomy term the kaart uses: ours, and the sources' on its services. */
export function termsOf(services: readonly PublishedService[]): Json[] {
  const terms = new Map<string, Json>();
  for (const key of TAXONOMY_KEYS) for (const term of TAXONOMIES[key].terms) terms.set(hsdsTerm(key, term.code).id, hsdsTerm(key, term.code) as unknown as Json);
  for (const service of services) {
    const published = toHsdsService(service, new Date(0)) as unknown as Json;
    for (const attribute of Array.isArray(published.attributes) ? published.attributes.filter(isRecord) : []) {
      const term = attribute.taxonomy_term;
      if (isRecord(term) && !terms.has(String(term.id))) terms.set(String(term.id), term);
    }
  }
  return [...terms.values()];
}

/** Every taxonomy: ours, and those the sources' terms name in full. */
export function taxonomiesOf(services: readonly PublishedService[]): Json[] {
  const taxonomies = new Map<string, Json>(TAXONOMY_KEYS.map((key) => [taxonomyId(key), hsdsTaxonomy(key) as unknown as Json]));
  for (const term of termsOf(services)) if (isRecord(term.taxonomy_detail) && !taxonomies.has(String(term.taxonomy_detail.id))) taxonomies.set(String(term.taxonomy_detail.id), term.taxonomy_detail);
  return [...taxonomies.values()];
}

const byNameThenId = (a: Json, b: Json) => String(a.name).localeCompare(String(b.name), 'nl') || String(a.id).localeCompare(String(b.id));

export function queryTaxonomies(services: readonly PublishedService[], query: Query<'taxonomies'>): HsdsPage<Json> {
  return pageOf(taxonomiesOf(services).filter((taxonomy) => hasWords(query.search, taxonomy.name, taxonomy.description)).sort(byNameThenId), query);
}

export function queryTaxonomyTerms(services: readonly PublishedService[], query: Query<'taxonomy_terms'>): HsdsPage<Json> {
  const terms = termsOf(services).filter(
    (term) =>
      hasWords(query.search, term.name, term.description, term.code) &&
      (!query.taxonomy_id || term.taxonomy_id === query.taxonomy_id || (isRecord(term.taxonomy_detail) && term.taxonomy_detail.id === query.taxonomy_id)) &&
      (!query.parent_id || term.parent_id === query.parent_id) &&
      // top_only: the top of each taxonomy, terms without a parent.
      (!query.top_only || !term.parent_id),
  );
  return pageOf(terms.sort(byNameThenId), query);
}

// --- what the API says about itself ----------------------------------------------------------

/** `GET /hsds/`: the HSDS version, profile and OpenAPI document of this API (REQUIRED by HSDS 3.1). */
export const apiMeta = (baseUrl: string) => ({ version: HSDS_VERSION, profile: HSDS_PROFILE, openapi_url: `${baseUrl}/hsds/openapi.json` });

const SCHEMA_BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';
const PARAMETER_TEXT: Record<string, string> = {
  search: 'Words that must all occur in the name or description (case and accents do not matter).',
  page: 'Page number, from 1.',
  per_page: `Results per page, 1 to ${MAX_PER_PAGE}; ${DEFAULT_PER_PAGE} by default.`,
  format: 'json only.',
  taxonomy_term_id: 'Only records with this taxonomy term (ours, or a source\'s).',
  taxonomy_id: 'Only records with a term of this taxonomy.',
  organization_id: 'Only the services of this organization.',
  modified_after: 'Only services whose published fields changed on or after this date or date-time.',
  full: 'true: fully nested records in the list.',
  full_service: 'true: the organization\'s services fully nested.',
  postcode: 'Only services whose area covers this postcode (its four digits).',
  parent_id: 'Only the children of this term.',
  top_only: 'true: only terms without a parent.',
};

/** Our OpenAPI 3.1 document: the HSDS API reference, narrowed to what this API serves. */
export function openApiDocument(baseUrl: string) {
  const parameters = (kind: QueryKind) =>
    Object.keys(QUERY_SCHEMAS[kind].shape).map((name) => ({
      name,
      in: 'query',
      required: false,
      description: PARAMETER_TEXT[name],
      schema: { type: ['page', 'per_page'].includes(name) ? 'integer' : ['full', 'full_service', 'top_only'].includes(name) ? 'boolean' : 'string' },
    }));
  const idParameter = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
  const page = (items: string) => ({ allOf: [{ $ref: '#/components/schemas/Page' }], properties: { contents: { type: 'array', items: { $ref: `${SCHEMA_BASE}${items}` } } } });
  const get = (summary: string, schema: object, params: object[] = []) => ({ get: { summary, parameters: params, responses: { '200': { description: summary, content: { 'application/json': { schema } } } } } });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Overbrug sociale kaart: Open Referral HSDS 3.1',
      version: HSDS_VERSION,
      description: 'The regional sociale kaart as the HSDS 3.1 API, public and read-only. Overbrug\'s taxonomies and ids: docs/sociale-kaart.md.',
      license: { name: 'Data: see the region; API description derived from the HSDS OpenAPI reference (CC BY-SA 4.0)', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: `${baseUrl}/hsds` }],
    paths: {
      '/': get('Which HSDS this API serves.', { type: 'object', required: ['version', 'profile', 'openapi_url'], properties: { version: { type: 'string' }, profile: { type: 'string', format: 'uri' }, openapi_url: { type: 'string', format: 'uri' } } }),
      '/services': get('Services, one page.', page('compiled/service_list.json'), parameters('services')),
      '/services/{id}': get('One service, fully nested.', { $ref: `${SCHEMA_BASE}compiled/service.json` }, idParameter),
      '/organizations': get('Organizations, one page.', page('compiled/organization_list.json'), parameters('organizations')),
      '/organizations/{id}': get('One organization, fully nested, with its services.', { $ref: `${SCHEMA_BASE}compiled/organization.json` }, [...idParameter, ...parameters('organization')]),
      '/service_at_locations': get('Services at their locations, one page.', page('compiled/service_at_location_list.json'), parameters('service_at_locations')),
      '/service_at_locations/{id}': get('One service at a location, fully nested.', { $ref: `${SCHEMA_BASE}compiled/service_at_location.json` }, idParameter),
      '/taxonomies': get('Taxonomies, one page.', page('taxonomy.json'), parameters('taxonomies')),
      '/taxonomies/{id}': get('One taxonomy.', { $ref: `${SCHEMA_BASE}taxonomy.json` }, idParameter),
      '/taxonomy_terms': get('Taxonomy terms, one page.', page('taxonomy_term.json'), parameters('taxonomy_terms')),
      '/taxonomy_terms/{id}': get('One taxonomy term.', { $ref: `${SCHEMA_BASE}taxonomy_term.json` }, idParameter),
    },
    components: {
      schemas: {
        Page: {
          type: 'object',
          properties: Object.fromEntries(['total_items', 'total_pages', 'page_number', 'size'].map((name) => [name, { type: 'integer' }]).concat(['first_page', 'last_page', 'empty'].map((name) => [name, { type: 'boolean' }]))),
        },
      },
    },
  };
}
