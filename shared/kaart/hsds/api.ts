import { z } from 'zod';
import type { FieldError } from '../../http/responses.ts';
import { hsdsOrganizationId, hsdsServiceId, UUID } from './ids.ts';
import type { HsdsPage, HsdsService } from './schema.ts';
import { OUR_TERMS, taxonomyId } from './taxonomies.ts';
import { termIdsOf, toHsdsService, toHsdsServiceSummary, type PublishedService } from './to-hsds.ts';

// The HSDS read API over our sociale kaart (openapi.json: GET /services, GET /services/{id}), pure:
// the services-api function reads the table and hands the services in.

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;

const uuid = z.string().regex(UUID, 'Must be a lowercase UUID, as HSDS ids are');
const positiveInt = (max?: number) => {
  const message = max ? `Must be a whole number from 1 to ${max}` : 'Must be a whole number from 1';
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.int().min(1, message).max(max ?? Number.MAX_SAFE_INTEGER, message));
};

/** The query parameters we serve. Others (postcode, proximity, minimal, ndjson) are refused, not silently ignored. */
export const ServicesQuerySchema = z.strictObject({
  search: z.string().trim().min(1).max(200).optional(),
  taxonomy_term_id: uuid.optional(),
  taxonomy_id: uuid.optional(),
  organization_id: uuid.optional(),
  modified_after: z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'Must be an ISO 8601 date or date-time, e.g. 2026-11-01T00:00:00Z' }).optional(),
  page: positiveInt().default(1),
  per_page: positiveInt(MAX_PER_PAGE).default(DEFAULT_PER_PAGE),
  full: z.enum(['true', 'false'], { error: 'Must be true or false' }).transform((value) => value === 'true').default(false),
  format: z.literal('json', { error: 'Only json is served' }).optional(),
});
export type ServicesQuery = z.infer<typeof ServicesQuerySchema>;

/** The query, or every failing parameter. */
export function parseServicesQuery(parameters: Record<string, string | undefined> | undefined): { ok: true; query: ServicesQuery } | { ok: false; errors: FieldError[] } {
  const parsed = ServicesQuerySchema.safeParse(parameters ?? {});
  if (parsed.success) return { ok: true, query: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: key, message: 'Unknown parameter: this directory serves search, taxonomy_term_id, taxonomy_id, organization_id, modified_after, page, per_page, full and format=json' }))
        : [{ path: issue.path.map(String).join('.'), message: issue.message }],
    ),
  };
}

/** Lowercase, without diacritics: "cliënt" finds "client". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase('nl');

function matchesQuery(service: PublishedService, query: ServicesQuery): boolean {
  if (query.search) {
    const haystack = fold([service.name, service.description, service.organisation].join(' '));
    if (!fold(query.search).split(/\s+/).every((word) => haystack.includes(word))) return false;
  }
  if (query.taxonomy_term_id || query.taxonomy_id) {
    const termIds = termIdsOf(service);
    if (query.taxonomy_term_id && !termIds.includes(query.taxonomy_term_id)) return false;
    if (query.taxonomy_id && !termIds.some((id) => id && OUR_TERMS.has(id) && taxonomyId(OUR_TERMS.get(id)!.taxonomy) === query.taxonomy_id)) return false;
  }
  if (query.organization_id && hsdsOrganizationId(service.organisationId) !== query.organization_id) return false;
  if (query.modified_after && !(service.updatedAt && Date.parse(service.updatedAt) >= Date.parse(query.modified_after))) return false;
  return true;
}

/** One page of the services that match, in name order, as HSDS's paginated response. */
export function queryServices(services: readonly PublishedService[], query: ServicesQuery, asOf: Date): HsdsPage<HsdsService> {
  const matching = services
    .filter((service) => matchesQuery(service, query))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.serviceId.localeCompare(b.serviceId));
  const totalPages = Math.ceil(matching.length / query.per_page);
  const contents = matching
    .slice((query.page - 1) * query.per_page, query.page * query.per_page)
    .map((service) => (query.full ? toHsdsService(service, asOf) : toHsdsServiceSummary(service)));
  return {
    total_items: matching.length,
    total_pages: totalPages,
    page_number: query.page,
    size: contents.length,
    first_page: query.page === 1,
    last_page: query.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Whether a path id names this service: its HSDS id, or our own id. */
export const isServiceNamed = (service: PublishedService, id: string) => service.serviceId === id || hsdsServiceId(service.serviceId) === id;
