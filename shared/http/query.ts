import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ACCESS_POLICY, type RouteKey } from '../access/policy.ts';
import { HSDS_QUERY_OF_ROUTE, HSDS_QUERY_PARAMETERS } from '../kaart/hsds/query-routes.ts';
import { invalidBody } from './request.ts';

const FHIR_ROUTES = (Object.keys(ACCESS_POLICY) as RouteKey[]).filter((route) => route.split(' ')[1]!.startsWith('/fhir'));

/**
 * The query parameters each route defines; a route not named here takes none. Any other parameter
 * is refused with 400 on every route (`?__proto__=1` included), not ignored: a caller who sends
 * one expects it to do something, and a filter that silently does nothing shows too much or too
 * little. A new route declares its parameters here (the hostile-input suite sends the rest).
 */
export const QUERY_PARAMETERS: Partial<Record<RouteKey, readonly string[]>> = {
  // `status` filters the coordinator's desk (flagged-for-region, escalated); the others page with the rest.
  'GET /referrals': ['state', 'limit', 'cursor', 'q', 'status'],
  'GET /statistics': ['from', 'to', 'gemeente'],
  'GET /access-log': ['referralId', 'caseNumber', 'clientRef', 'person', 'organisation', 'route', 'outcome', 'from', 'to', 'cursor', 'limit'],
  'GET /access-log/signals': ['from', 'to'],
  // The HSDS API's lists, from the schemas their handler checks them with.
  ...Object.fromEntries(Object.entries(HSDS_QUERY_OF_ROUTE).map(([route, kind]) => [route, HSDS_QUERY_PARAMETERS[kind]])),
  'GET /kaart': ['search', 'state', 'gemeente'],
  'GET /kaart/verify': ['service', 'token'],
  // The beheerder's list of users, by role and by whether they can sign in.
  'GET /users': ['role', 'active'],
  // FHIR: every route answers in the `_format` asked (JSON or XML); the Task search is checked by its handler.
  ...Object.fromEntries(FHIR_ROUTES.map((route) => [route, ['_format']])),
};

export const queryParametersOf = (route: RouteKey): readonly string[] => QUERY_PARAMETERS[route] ?? [];

/**
 * Routes whose handler checks its whole query with a strict schema, unknown parameters included,
 * so that one answer lists every failing parameter (the HSDS API, docs/api.md). The HSDS
 * routes without a query (`GET /hsds`, one taxonomy) are checked here like any other.
 */
const CHECKED_BY_THE_HANDLER = [...(Object.keys(HSDS_QUERY_OF_ROUTE) as RouteKey[]), 'GET /fhir/Task'] as readonly RouteKey[];

/** The 400 for parameters the route does not define, naming each; undefined when there are none. */
export function unknownQueryParameters(event: APIGatewayProxyEventV2): APIGatewayProxyStructuredResultV2 | undefined {
  const given = event.queryStringParameters;
  if (!given || CHECKED_BY_THE_HANDLER.includes(event.routeKey as RouteKey)) return undefined;
  const allowed = queryParametersOf(event.routeKey as RouteKey);
  // Own keys only, the way API Gateway's JSON has them: `__proto__` is a key like any other here.
  const unknown = Object.keys(given).filter((name) => !allowed.includes(name));
  if (!unknown.length) return undefined;
  return invalidBody(
    unknown.map((name) => ({
      path: name.slice(0, 64),
      message: allowed.length ? `Unknown parameter: this route takes ${allowed.join(', ')}` : 'Unknown parameter: this route takes no query parameters',
    })),
    'The query has parameters this route does not define; nothing was done.',
  );
}
