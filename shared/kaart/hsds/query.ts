import * as z from '../../domain/zod.ts';
import type { FieldError } from '../../http/responses.ts';
import { UUID } from './ids.ts';
import type { QueryKind } from './query-routes.ts';

// The query parameters of the HSDS read API, checked. Their names, and the route of each list,
// are in query-routes.ts: every HTTP function reads those, and only services-api builds these.
export type { QueryKind } from './query-routes.ts';

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 200;

const uuid = z.string().check(z.regex(UUID, 'Must be a lowercase UUID, as HSDS ids are'));
const positiveInt = (max?: number) => {
  const message = max ? `Must be a whole number from 1 to ${max}` : 'Must be a whole number from 1';
  return z.pipe(
    z.pipe(z.string().check(z.regex(/^\d+$/, message)), z.transform(Number)),
    z.int().check(z.minimum(1, message), z.maximum(max ?? Number.MAX_SAFE_INTEGER, message)),
  );
};
const flag = z.pipe(
  z.enum(['true', 'false'], { error: 'Must be true or false' }),
  z.transform((value) => value === 'true'),
);
const paging = {
  search: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
  page: z._default(positiveInt(), 1),
  per_page: z._default(positiveInt(MAX_PER_PAGE), DEFAULT_PER_PAGE),
  format: z.optional(z.literal('json', { error: 'Only json is served' })),
};
const byTerm = { taxonomy_term_id: z.optional(uuid), taxonomy_id: z.optional(uuid) };
const modifiedAfter = z.optional(z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'Must be an ISO 8601 date or date-time, e.g. 2026-11-01T00:00:00Z' }));

/** The query parameters each list serves. Others (proximity, minimal, ndjson) are refused, never silently ignored. */
export const QUERY_SCHEMAS = {
  services: z.strictObject({ ...paging, ...byTerm, organization_id: z.optional(uuid), modified_after: modifiedAfter, full: z._default(flag, false) }),
  organizations: z.strictObject({ ...paging, ...byTerm, full: z._default(flag, false), full_service: z._default(flag, false) }),
  organization: z.strictObject({ full_service: z._default(flag, false) }),
  service_at_locations: z.strictObject({
    ...paging,
    ...byTerm,
    organization_id: z.optional(uuid),
    modified_after: modifiedAfter,
    full: z._default(flag, false),
    postcode: z.optional(z.string().check(z.trim(), z.regex(/^[1-9][0-9]{3}\s?([A-Za-z]{2})?$/, 'Must be a Dutch postcode: 9902 or 9902 AB'))),
  }),
  taxonomies: z.strictObject({ ...paging }),
  taxonomy_terms: z.strictObject({ ...paging, taxonomy_id: z.optional(uuid), parent_id: z.optional(uuid), top_only: z._default(flag, false) }),
} as const satisfies Record<QueryKind, unknown>;
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
