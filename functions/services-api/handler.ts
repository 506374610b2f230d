import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { tableName } from '#shared/config.ts';
import { publicRegion } from '#shared/domain/public-region.ts';
import { ServiceSchema } from '#shared/domain/sociale-kaart.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { invalidBody } from '#shared/http/request.ts';
import { json, notFound } from '#shared/http/responses.ts';
import {
  apiMeta,
  isServiceNamed,
  openApiDocument,
  organizationById,
  parseQuery,
  queryOrganizations,
  queryServiceAtLocations,
  queryServices,
  queryTaxonomies,
  queryTaxonomyTerms,
  serviceAtLocationById,
  taxonomiesOf,
  termsOf,
  type QueryKind,
} from '#shared/kaart/hsds/api.ts';
import { UUID } from '#shared/kaart/hsds/ids.ts';
import { toHsdsService } from '#shared/kaart/hsds/to-hsds.ts';
import { REGIONS } from '#shared/regions/index.ts';

// The HSDS 3.1 read API of the sociale kaart, public: other directories, professionals and clients
// read every region this deployment serves. Capacity shows open places only, never who holds them.
// Served under /hsds (GET /hsds/ says which HSDS this is); GET /services stays where it was.

const kaart = new SocialeKaartStore(documentClient(), tableName('sociale-kaart'));
// The regions served now (they are data: shared/regions refreshes them between requests).
const servedRegions = () => new Set(REGIONS.map((config) => config.region.regionId));

const everyService = () => kaart.listRegions(servedRegions());

/** The API's own address as the caller reached it (API Gateway says the scheme in x-forwarded-proto). */
const baseUrl = (event: APIGatewayProxyEventV2) => `${event.headers?.['x-forwarded-proto'] ?? 'https'}://${event.requestContext.domainName}`;

/** A list's query, or the 400 problem naming every bad parameter. */
function queryOf<K extends QueryKind>(kind: K, event: APIGatewayProxyEventV2) {
  const parsed = parseQuery(kind, event.queryStringParameters);
  return parsed.ok ? { query: parsed.query } : { response: invalidBody(parsed.errors, 'Invalid query parameters; nothing was searched.') };
}

async function oneService(id: string, now: Date) {
  // Our own id is one read; an HSDS id derived from it needs the kaart, since it cannot be reversed.
  const direct = ServiceSchema.shape.serviceId.safeParse(id).success ? await kaart.get(id) : undefined;
  const service = direct && servedRegions().has(direct.regionId) ? direct : UUID.test(id) ? (await everyService()).find((candidate) => isServiceNamed(candidate, id)) : undefined;
  return service ? json(200, toHsdsService(service, now)) : notFound('This service');
}

export const handler = httpHandler(async (event) => {
  const now = new Date();
  const id = event.pathParameters?.serviceId ?? event.pathParameters?.organizationId ?? event.pathParameters?.serviceAtLocationId ?? event.pathParameters?.taxonomyId ?? event.pathParameters?.taxonomyTermId ?? '';
  switch (event.routeKey) {
    case 'GET /hsds':
      return json(200, apiMeta(baseUrl(event)));
    case 'GET /hsds/openapi.json':
      return json(200, openApiDocument(baseUrl(event)));
    case 'GET /services/{serviceId}':
    case 'GET /hsds/services/{serviceId}':
      return oneService(id, now);
    case 'GET /regions':
      // A region added with `npm run region` shows in the web app without a new build; browsers may keep this five minutes.
      return json(200, { items: REGIONS.map(publicRegion) }, { 'cache-control': 'public, max-age=300' });
    case 'GET /services':
    case 'GET /hsds/services': {
      const { query, response } = queryOf('services', event);
      return response ?? json(200, queryServices(await everyService(), query!, now));
    }
    case 'GET /hsds/organizations': {
      const { query, response } = queryOf('organizations', event);
      return response ?? json(200, queryOrganizations(await everyService(), query!, now));
    }
    case 'GET /hsds/organizations/{organizationId}': {
      const { query, response } = queryOf('organization', event);
      if (response) return response;
      const organization = organizationById(await everyService(), id, query!, now);
      return organization ? json(200, organization) : notFound('This organization');
    }
    case 'GET /hsds/service_at_locations': {
      const { query, response } = queryOf('service_at_locations', event);
      return response ?? json(200, queryServiceAtLocations(await everyService(), query!, now));
    }
    case 'GET /hsds/service_at_locations/{serviceAtLocationId}': {
      const place = serviceAtLocationById(await everyService(), id, now);
      return place ? json(200, place) : notFound('This service_at_location');
    }
    case 'GET /hsds/taxonomies': {
      const { query, response } = queryOf('taxonomies', event);
      return response ?? json(200, queryTaxonomies(await everyService(), query!));
    }
    case 'GET /hsds/taxonomies/{taxonomyId}': {
      const taxonomy = taxonomiesOf(await everyService()).find((candidate) => candidate.id === id);
      return taxonomy ? json(200, taxonomy) : notFound('This taxonomy');
    }
    case 'GET /hsds/taxonomy_terms': {
      const { query, response } = queryOf('taxonomy_terms', event);
      return response ?? json(200, queryTaxonomyTerms(await everyService(), query!));
    }
    case 'GET /hsds/taxonomy_terms/{taxonomyTermId}': {
      const term = termsOf(await everyService()).find((candidate) => candidate.id === id);
      return term ? json(200, term) : notFound('This taxonomy term');
    }
    default:
      throw new Error(`services-api does not serve ${event.routeKey}`);
  }
});
