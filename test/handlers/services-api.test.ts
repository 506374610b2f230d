import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_KEYS } from '#shared/access/policy.ts';
import { functions } from '#shared/topology.ts';
import { hsdsServiceId } from '#shared/kaart/hsds/ids.ts';
import { importHsds } from '#shared/kaart/hsds/import.ts';
import { termId } from '#shared/kaart/hsds/taxonomies.ts';
import { lambdaContext, startEmulatedAws, type EmulatedAws } from '../support/emulated-aws.ts';
import { hsdsValidators, readExample, readExamplesCrosswalk, type HsdsValidators } from '../support/hsds.ts';
import { readEvent } from '../support/samples.ts';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

let aws: EmulatedAws;
let handler: HttpHandler;
let validate: HsdsValidators;
const listTemplate = await readEvent<APIGatewayProxyEventV2>('api/get-services.json');
const oneTemplate = await readEvent<APIGatewayProxyEventV2>('api/get-service.json');
const hsdsTemplate = await readEvent<APIGatewayProxyEventV2>('api/get-hsds.json');

beforeAll(async () => {
  aws = await startEmulatedAws();
  aws.wire('services-api');
  handler = (await import('#functions/services-api/handler.ts')).handler;
  validate = await hsdsValidators();
  // The specification's example organisation, imported: a source with locations, its own terms and taxonomy.
  const { SocialeKaartStore } = await import('#shared/adapters/sociale-kaart-store.ts');
  const imported = importHsds({ format: 'json', document: await readExample('organization_full') }, { crosswalk: await readExamplesCrosswalk(), now: new Date() });
  await new SocialeKaartStore(aws.document, aws.tableNames['sociale-kaart']).upsertMany(imported.entries, new Date());
});

/** A request on an /hsds route, as API Gateway sends it: the route, the path, its id, the query. */
async function hsds(route: string, { id, query }: { id?: string; query?: Record<string, string> } = {}) {
  const path = route.replace(/^GET /, '').replace(/\{(\w+)\}/, id ?? '');
  const parameter = /\{(\w+)\}/.exec(route)?.[1];
  const event: APIGatewayProxyEventV2 = {
    ...hsdsTemplate,
    routeKey: route,
    rawPath: path,
    requestContext: { ...hsdsTemplate.requestContext, routeKey: route, http: { ...hsdsTemplate.requestContext.http, path } },
    ...(parameter ? { pathParameters: { [parameter]: id! } } : {}),
    ...(query ? { queryStringParameters: query } : {}),
  };
  const response = await handler(event, lambdaContext('services-api'));
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body as string) };
}
afterAll(() => aws.close());

async function list(queryStringParameters?: Record<string, string>) {
  const response = await handler({ ...listTemplate, queryStringParameters }, lambdaContext('services-api'));
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body as string) };
}

async function one(serviceId: string) {
  const response = await handler({ ...oneTemplate, rawPath: `/services/${serviceId}`, pathParameters: { serviceId } }, lambdaContext('services-api'));
  return { status: response.statusCode, headers: response.headers, body: JSON.parse(response.body as string) };
}

describe('services-api handler (the HSDS read API)', () => {
  it('answers the sample event: debt help in the demo kaart, as a valid HSDS page, without sign-in', async () => {
    const response = await handler(listTemplate, lambdaContext('services-api'));
    expect(response.statusCode).toBe(200);
    const page = JSON.parse(response.body as string);
    expect(validate.servicePage(page), JSON.stringify(validate.servicePage.errors)).toBe(true);
    expect(page).toMatchObject({ page_number: 1, first_page: true, empty: false });
    expect(page.contents.map((service: { id: string }) => service.id)).toEqual(
      expect.arrayContaining([hsdsServiceId('vb-schuldhulp-rivierstad'), hsdsServiceId('vb-schuldhulpmaatje')]),
    );
  });

  it('lists every service of the regions it serves, and filters on the bridging flag', async () => {
    const all = await list({ per_page: '200' });
    // The demo kaart and the example service imported above.
    expect(all.body.total_items).toBe(56);
    const bridging = await list({ taxonomy_term_id: termId('kenmerken', 'wachtlijstoverbrugging'), full: 'true' });
    expect(bridging.body.total_items).toBe(8);
    for (const service of bridging.body.contents) {
      expect(service.attributes.map((attribute: { taxonomy_term_id: string }) => attribute.taxonomy_term_id)).toContain(termId('kenmerken', 'wachtlijstoverbrugging'));
    }
    expect(validate.servicePage(bridging.body), JSON.stringify(validate.servicePage.errors)).toBe(true);
  });

  it('gives one full service by its HSDS id or our id; 404 problem for an unknown id', async () => {
    const byHsdsId = await one(hsdsServiceId('vb-schuldhulp-rivierstad'));
    expect(byHsdsId.status).toBe(200);
    expect(validate.service(byHsdsId.body), JSON.stringify(validate.service.errors)).toBe(true);
    expect(byHsdsId.body).toMatchObject({ id: hsdsServiceId('vb-schuldhulp-rivierstad'), status: 'active', organization: { name: expect.any(String) } });
    // The same service either way; only the moment its open places were counted differs.
    const withoutCount = (service: Record<string, any>) => ({ ...service, capacities: service.capacities.map(({ updated: _at, ...capacity }: Record<string, unknown>) => capacity) });
    expect(withoutCount((await one('vb-schuldhulp-rivierstad')).body)).toEqual(withoutCount(byHsdsId.body));
    for (const unknown of [crypto.randomUUID(), 'vb-bestaat-niet', '../../etc/passwd']) {
      const response = await one(unknown);
      expect(response.status).toBe(404);
      expect(response.headers?.['content-type']).toBe('application/problem+json');
      expect(response.body).toMatchObject({ status: 404, type: '/problems/not-found' });
    }
  });

  it('shows open places only, never which referrals hold them', async () => {
    const { SocialeKaartStore } = await import('#shared/adapters/sociale-kaart-store.ts');
    const kaart = new SocialeKaartStore(aws.document, aws.tableNames['sociale-kaart']);
    const service = (await kaart.listRegion('regio-voorbeeld')).find((candidate) => candidate.capacity !== null && candidate.capacity > 1)!;
    const referralId = crypto.randomUUID();
    expect(await kaart.reserve(service.serviceId, referralId)).toBe('claimed');

    const response = await handler({ ...oneTemplate, pathParameters: { serviceId: service.serviceId } }, lambdaContext('services-api'));
    const published = JSON.parse(response.body as string);
    expect(published.capacities).toEqual([expect.objectContaining({ available: service.capacity! - service.placesTaken - 1, maximum: service.capacity })]);
    expect(response.body).not.toContain(referralId);
    const everything = await handler({ ...listTemplate, queryStringParameters: { full: 'true', per_page: '200' } }, lambdaContext('services-api'));
    expect(everything.body).not.toContain(referralId);
  });

  it('refuses bad parameters with 400 problem details listing every one', async () => {
    const response = await list({ page: 'twee', per_page: '0', modified_after: '31-12-2026', proximity: '500' });
    expect(response.status).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, type: '/problems/invalid-request' });
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(['page', 'per_page', 'modified_after', 'proximity']);
  });
});

describe('services-api handler: the HSDS API under /hsds', () => {
  it('serves every /hsds route the access policy has, and nothing else of it', () => {
    expect(functions['services-api'].routes?.filter((route) => route.startsWith('GET /hsds')).sort()).toEqual(ROUTE_KEYS.filter((route) => route.startsWith('GET /hsds')).sort());
  });

  it('answers GET /hsds/ (the sample event) with the version, profile and its own OpenAPI document, as HSDS requires', async () => {
    const response = await handler(hsdsTemplate, lambdaContext('services-api'));
    const meta = JSON.parse(response.body as string);
    expect(validate.meta(meta), JSON.stringify(validate.meta.errors)).toBe(true);
    expect(meta).toMatchObject({ version: '3.1', openapi_url: 'https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/hsds/openapi.json' });
    const openapi = await hsds('GET /hsds/openapi.json');
    expect(openapi.body).toMatchObject({ openapi: '3.1.0', servers: [{ url: 'https://a1b2c3d4e5.execute-api.eu-central-1.amazonaws.com/hsds' }] });
  });

  it('answers every list endpoint with a page that validates, and every item by its id', async () => {
    const services = await hsds('GET /hsds/services', { query: { per_page: '200', full: 'true' } });
    expect(validate.servicePage(services.body), JSON.stringify(validate.servicePage.errors)).toBe(true);
    expect(services.body.total_items).toBe(56);
    const service = await hsds('GET /hsds/services/{serviceId}', { id: 'ac148810-d857-441c-9679-408f346de14b' });
    expect(validate.service(service.body), JSON.stringify(validate.service.errors)).toBe(true);

    const organizations = await hsds('GET /hsds/organizations', { query: { per_page: '200' } });
    expect(validate.organizationPage(organizations.body), JSON.stringify(validate.organizationPage.errors)).toBe(true);
    expect(organizations.body.contents.map((organization: { name: string }) => organization.name)).toContain('Example Organization Inc.');
    for (const { id } of organizations.body.contents.slice(0, 5) as { id: string }[]) {
      const organization = await hsds('GET /hsds/organizations/{organizationId}', { id, query: { full_service: 'true' } });
      expect(organization.status).toBe(200);
      expect(validate.organization(organization.body), JSON.stringify(validate.organization.errors)).toBe(true);
    }

    const places = await hsds('GET /hsds/service_at_locations', { query: { postcode: '9902' } });
    expect(validate.serviceAtLocationPage(places.body), JSON.stringify(validate.serviceAtLocationPage.errors)).toBe(true);
    expect(places.body.contents).toEqual([expect.objectContaining({ id: 'e94c9f38-1e8f-4564-91d4-d53501ab1765', location: expect.objectContaining({ name: 'MyCity Civic Center' }) })]);
    const place = await hsds('GET /hsds/service_at_locations/{serviceAtLocationId}', { id: 'e94c9f38-1e8f-4564-91d4-d53501ab1765' });
    expect(validate.serviceAtLocation(place.body), JSON.stringify(validate.serviceAtLocation.errors)).toBe(true);

    const taxonomies = await hsds('GET /hsds/taxonomies');
    expect(validate.taxonomyPage(taxonomies.body), JSON.stringify(validate.taxonomyPage.errors)).toBe(true);
    const taxonomy = await hsds('GET /hsds/taxonomies/{taxonomyId}', { id: '5c4d79d7-cc55-470e-9f1f-8cad074e4892' });
    expect(validate.taxonomy(taxonomy.body), JSON.stringify(validate.taxonomy.errors)).toBe(true);
    const terms = await hsds('GET /hsds/taxonomy_terms', { query: { taxonomy_id: '5c4d79d7-cc55-470e-9f1f-8cad074e4892' } });
    expect(validate.taxonomyTermPage(terms.body), JSON.stringify(validate.taxonomyTermPage.errors)).toBe(true);
    expect(terms.body.contents.map((term: { id: string }) => term.id)).toEqual(['3f7b145d-84af-42d7-8fae-eaca714b02b2']);
    const term = await hsds('GET /hsds/taxonomy_terms/{taxonomyTermId}', { id: termId('kenmerken', 'wachtlijstoverbrugging') });
    expect(validate.taxonomyTerm(term.body), JSON.stringify(validate.taxonomyTerm.errors)).toBe(true);

    // The source's own term filters services, as ours do.
    const bySourceTerm = await hsds('GET /hsds/services', { query: { taxonomy_term_id: '3f7b145d-84af-42d7-8fae-eaca714b02b2' } });
    expect(bySourceTerm.body.contents.map((found: { id: string }) => found.id)).toEqual(['ac148810-d857-441c-9679-408f346de14b']);
  });

  it('answers 404 problems for ids it does not know, on every item endpoint', async () => {
    const unknown = crypto.randomUUID();
    for (const route of ['GET /hsds/services/{serviceId}', 'GET /hsds/organizations/{organizationId}', 'GET /hsds/service_at_locations/{serviceAtLocationId}', 'GET /hsds/taxonomies/{taxonomyId}', 'GET /hsds/taxonomy_terms/{taxonomyTermId}']) {
      const response = await hsds(route, { id: unknown });
      expect(response.status, route).toBe(404);
      expect(response.body).toMatchObject({ status: 404, type: '/problems/not-found' });
    }
  });
});
