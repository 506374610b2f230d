import type { RouteKey } from '../../access/policy.ts';

// Which parameters each list of the HSDS read API serves, by name, and which list each route
// serves. shared/http/query.ts reads these in every HTTP function (which parameters a route
// defines), so they are kept apart from the schemas that check them (query.ts): those are built
// only where the HSDS API runs. A test holds these names equal to the schemas' keys.

const PAGING = ['search', 'page', 'per_page', 'format'] as const;
const BY_TERM = ['taxonomy_term_id', 'taxonomy_id'] as const;

export const HSDS_QUERY_PARAMETERS = {
  services: [...PAGING, ...BY_TERM, 'organization_id', 'modified_after', 'full'],
  organizations: [...PAGING, ...BY_TERM, 'full', 'full_service'],
  organization: ['full_service'],
  service_at_locations: [...PAGING, ...BY_TERM, 'organization_id', 'modified_after', 'full', 'postcode'],
  taxonomies: [...PAGING],
  taxonomy_terms: [...PAGING, 'taxonomy_id', 'parent_id', 'top_only'],
} as const satisfies Record<string, readonly string[]>;
export type QueryKind = keyof typeof HSDS_QUERY_PARAMETERS;

/** Which list's query each route of the HSDS API takes; its handler checks it whole (every failing parameter in one answer). */
export const HSDS_QUERY_OF_ROUTE = {
  'GET /services': 'services',
  'GET /hsds/services': 'services',
  'GET /hsds/organizations': 'organizations',
  'GET /hsds/organizations/{organizationId}': 'organization',
  'GET /hsds/service_at_locations': 'service_at_locations',
  'GET /hsds/taxonomies': 'taxonomies',
  'GET /hsds/taxonomy_terms': 'taxonomy_terms',
} as const satisfies Partial<Record<RouteKey, QueryKind>>;
