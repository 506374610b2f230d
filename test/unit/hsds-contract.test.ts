import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoServices } from '#local/seed.ts';
import { ROUTE_KEYS } from '#shared/access/policy.ts';
import {
  apiMeta,
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
import { exportHsdsCsv, exportHsdsJson, leftOutNotice } from '#shared/kaart/hsds/export.ts';
import { importHsds } from '#shared/kaart/hsds/import.ts';
import { HSDS_TYPES } from '#shared/kaart/hsds/objects.ts';
import { QUERY_SCHEMAS } from '#shared/kaart/hsds/query.ts';
import { HSDS_QUERY_PARAMETERS } from '#shared/kaart/hsds/query-routes.ts';
import { queryParametersOf } from '#shared/http/query.ts';
import { toHsdsService, type PublishedService } from '#shared/kaart/hsds/to-hsds.ts';
import { csvRows, hsdsValidators, readExample, readExamplesCrosswalk, type HsdsValidators } from '../support/hsds.ts';

// Our HSDS answers against the Open Referral HSDS 3.1 JSON schemas and openapi.json, as they are:
// the demo kaart and the specification's own example, imported, through every endpoint with its
// parameters. The handler tests hold the deployed function's answers to the same validators.

let validate: HsdsValidators;
let kaart: PublishedService[];
const now = new Date('2026-11-20T10:00:00Z');
const errorsOf = (validator: ValidateFunction) => JSON.stringify(validator.errors, null, 1);
const query = <K extends QueryKind>(kind: K, parameters: Record<string, string | undefined> = {}) => {
  const parsed = parseQuery(kind, parameters);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.query;
};

beforeAll(async () => {
  validate = await hsdsValidators();
  const imported = importHsds({ format: 'json', document: await readExample('organization_full') }, { crosswalk: await readExamplesCrosswalk(), now }).entries;
  kaart = [...(await demoServices('regio-voorbeeld', now)), ...imported].map((service) => ({ ...service, placesTaken: 0, updatedAt: now.toISOString() }));
});

describe('the HSDS contract', () => {
  it('holds the validators to the spec: its own examples pass, wrong answers do not', async () => {
    expect(validate.service(await readExample('service_full')), errorsOf(validate.service)).toBe(true);
    expect(validate.servicePage(await readExample('service_list')), errorsOf(validate.servicePage)).toBe(true);
    expect(validate.organization(await readExample('organization_full')), errorsOf(validate.organization)).toBe(true);
    expect(validate.organizationPage(await readExample('organization_list')), errorsOf(validate.organizationPage)).toBe(true);
    expect(validate.serviceAtLocation(await readExample('service_at_location_full')), errorsOf(validate.serviceAtLocation)).toBe(true);
    expect(validate.serviceAtLocationPage(await readExample('service_at_location_list')), errorsOf(validate.serviceAtLocationPage)).toBe(true);
    expect(validate.taxonomyPage(await readExample('taxonomy_list'))).toBe(true);
    expect(validate.taxonomyTermPage(await readExample('taxonomy_term_list'))).toBe(true);
    expect(validate.meta(await readExample('base'))).toBe(true);

    const [service] = await demoServices('regio-voorbeeld', now);
    const wrong = { ...toHsdsService(service!, now), id: service!.serviceId, status: 'open' };
    expect(validate.service(wrong)).toBe(false);
    expect(validate.service.errors?.map((error) => error.instancePath).sort()).toEqual(['/id', '/status']);
    const organization = toHsdsService(service!, now).organization as Record<string, unknown>;
    expect(validate.organization({ ...organization, description: undefined })).toBe(false);
    expect(validate.row('organization')({ id: organization.id, name: 'x' })).toBe(false);
    expect(validate.meta({ version: '3.1' })).toBe(false);
  });

  it('gives every service of the demo kaart and the example as a valid HSDS service, with reservations and last change', () => {
    for (const service of kaart) {
      const published = toHsdsService({ ...service, placesTaken: 1 }, now);
      expect(validate.service(published), `${service.serviceId}: ${errorsOf(validate.service)}`).toBe(true);
    }
  });

  it('exports the demo kaart and the example as JSON and as a CSV package whose every row validates', () => {
    const left = new Map<string, number>();
    for (const service of exportHsdsJson(kaart, now, left)) expect(validate.service(service), errorsOf(validate.service)).toBe(true);
    const tables = csvRows(exportHsdsCsv(kaart, now, left));
    expect(Object.keys(tables)).toEqual(expect.arrayContaining(['organization', 'service', 'location', 'address', 'schedule', 'phone', 'attribute', 'taxonomy_term', 'taxonomy']));
    for (const type of HSDS_TYPES) for (const row of tables[type] ?? []) expect(validate.row(type)(row), `${type}: ${errorsOf(validate.row(type))}`).toBe(true);
    // Every organisation has its required description, given by its source or written by us.
    expect(tables.organization!.every((row) => typeof row.description === 'string' && row.description.length > 0)).toBe(true);
    expect(left.size).toBe(0);
  });

  it('leaves out of an export what a source gave without a field HSDS requires, and counts it', () => {
    const [example] = kaart.filter((service) => service.hsds);
    const kept = structuredClone(example!.hsds!) as { service: Record<string, any> };
    delete kept.service.service_at_locations[0].location.addresses[0].state_province;
    const left = new Map<string, number>();
    const [published] = exportHsdsJson([{ ...example!, hsds: kept as NonNullable<typeof example>["hsds"] }], now, left) as unknown as Record<string, any>[];
    expect(validate.service(published), errorsOf(validate.service)).toBe(true);
    expect(published!.service_at_locations[0].location.addresses).toEqual([]);
    expect(leftOutNotice(left)).toBe('Niet geëxporteerd, want onvolledig volgens HSDS 3.1 (een verplicht veld ontbreekt; de kaart bewaart ze wel): 1 × address.');
  });

  it('lets every HTTP function know the parameters each HSDS list checks, without building its schemas', () => {
    // The names are kept apart from the schemas (query-routes.ts) so that no other function builds them at import.
    for (const [kind, schema] of Object.entries(QUERY_SCHEMAS)) expect(HSDS_QUERY_PARAMETERS[kind as QueryKind], kind).toEqual(Object.keys(schema.shape));
    expect(queryParametersOf('GET /hsds/service_at_locations')).toContain('postcode');
  });

  it('gives GET /services pages that validate, in summary and in full', () => {
    for (const parameters of [{}, { per_page: '5', page: '2' }, { full: 'true' }, { search: 'geen-treffer-xyz' }, { taxonomy_term_id: '3f7b145d-84af-42d7-8fae-eaca714b02b2', full: 'true' }]) {
      const page = queryServices(kaart, query('services', parameters), now);
      expect(validate.servicePage(page), errorsOf(validate.servicePage)).toBe(true);
    }
  });

  it('gives GET /hsds/ and our OpenAPI document, which names every /hsds route we serve', () => {
    const meta = apiMeta('https://api.example');
    expect(validate.meta(meta), errorsOf(validate.meta)).toBe(true);
    expect(meta).toEqual({ version: '3.1', profile: expect.stringMatching(/^https:\/\/github\.com\/openreferral\/specification\//), openapi_url: 'https://api.example/hsds/openapi.json' });
    const openapi = openApiDocument('https://api.example');
    const served = ROUTE_KEYS.filter((route) => route.startsWith('GET /hsds') && route !== 'GET /hsds/openapi.json')
      .map((route) => route.slice('GET /hsds'.length).replace(/\{\w+\}/, '{id}') || '/')
      .sort();
    expect(Object.keys(openapi.paths).sort()).toEqual(served);
    expect(openapi.servers).toEqual([{ url: 'https://api.example/hsds' }]);
  });

  it('gives GET /hsds/organizations and /organizations/{id} that validate, nested as asked', () => {
    for (const parameters of [{}, { full: 'true' }, { full_service: 'true', per_page: '3' }, { search: 'example' }, { taxonomy_term_id: '3f7b145d-84af-42d7-8fae-eaca714b02b2' }]) {
      const page = queryOrganizations(kaart, query('organizations', parameters), now);
      expect(validate.organizationPage(page), errorsOf(validate.organizationPage)).toBe(true);
      expect(page.total_items).toBeGreaterThan(0);
    }
    const example = organizationById(kaart, 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610', query('organization'), now)!;
    expect(validate.organization(example), errorsOf(validate.organization)).toBe(true);
    expect(example).toMatchObject({ name: 'Example Organization Inc.', website: 'http://example.com', locations: [expect.objectContaining({ name: 'MyCity Civic Center' })], services: [{ id: 'ac148810-d857-441c-9679-408f346de14b', name: 'Community Counselling', status: 'active' }] });
    const full = organizationById(kaart, 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610', query('organization', { full_service: 'true' }), now)!;
    expect(validate.organization(full), errorsOf(validate.organization)).toBe(true);
    expect((full.services as Record<string, unknown>[])[0]).toHaveProperty('service_at_locations');
  });

  it('gives GET /hsds/service_at_locations and its items that validate, filtered on the postcode an area covers', () => {
    for (const parameters of [{}, { full: 'true' }, { search: 'civic' }, { postcode: '9902 AB' }, { organization_id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610' }]) {
      const page = queryServiceAtLocations(kaart, query('service_at_locations', parameters), now);
      expect(validate.serviceAtLocationPage(page), errorsOf(validate.serviceAtLocationPage)).toBe(true);
      expect(page.contents.map((place) => place.id)).toEqual(['e94c9f38-1e8f-4564-91d4-d53501ab1765']);
    }
    // The example's area is Rivierstad (through the crosswalk); 9911 is Heuvelrand.
    expect(queryServiceAtLocations(kaart, query('service_at_locations', { postcode: '9911' }), now).empty).toBe(true);
    const place = serviceAtLocationById(kaart, 'e94c9f38-1e8f-4564-91d4-d53501ab1765', now)!;
    expect(validate.serviceAtLocation(place), errorsOf(validate.serviceAtLocation)).toBe(true);
    expect(place).toMatchObject({ location: { addresses: [expect.objectContaining({ city: 'MyCity' })] }, service: { id: 'ac148810-d857-441c-9679-408f346de14b' } });
  });

  it('gives GET /hsds/taxonomies and /taxonomy_terms that validate: ours and the sources\'', () => {
    const taxonomies = queryTaxonomies(kaart, query('taxonomies', { per_page: '200' }));
    expect(validate.taxonomyPage(taxonomies), errorsOf(validate.taxonomyPage)).toBe(true);
    expect(taxonomies.contents.map((taxonomy) => taxonomy.id)).toContain('5c4d79d7-cc55-470e-9f1f-8cad074e4892');
    expect(taxonomies.total_items).toBe(9);
    for (const taxonomy of taxonomiesOf(kaart)) expect(validate.taxonomy(taxonomy), errorsOf(validate.taxonomy)).toBe(true);
    for (const parameters of [{}, { taxonomy_id: '5c4d79d7-cc55-470e-9f1f-8cad074e4892' }, { top_only: 'true', per_page: '200' }, { parent_id: '0bc248fa-dc27-4650-9ba4-8f1a24ef16a2' }, { search: 'schuld' }]) {
      const page = queryTaxonomyTerms(kaart, query('taxonomy_terms', parameters));
      expect(validate.taxonomyTermPage(page), errorsOf(validate.taxonomyTermPage)).toBe(true);
    }
    expect(queryTaxonomyTerms(kaart, query('taxonomy_terms', { taxonomy_id: '5c4d79d7-cc55-470e-9f1f-8cad074e4892' })).contents.map((term) => term.id)).toEqual(['3f7b145d-84af-42d7-8fae-eaca714b02b2']);
    expect(queryTaxonomyTerms(kaart, query('taxonomy_terms', { top_only: 'true', per_page: '200' })).contents.map((term) => term.id)).not.toContain('3f7b145d-84af-42d7-8fae-eaca714b02b2');
    for (const term of termsOf(kaart)) expect(validate.taxonomyTerm(term), errorsOf(validate.taxonomyTerm)).toBe(true);
  });

  it('refuses parameters an endpoint does not serve, naming the ones it does', () => {
    expect(parseQuery('service_at_locations', { proximity: '500', postcode: 'AB1' })).toEqual({
      ok: false,
      errors: [
        { path: 'postcode', message: 'Must be a Dutch postcode: 9902 or 9902 AB' },
        { path: 'proximity', message: expect.stringMatching(/^Unknown parameter: this directory serves search, page, per_page, format, taxonomy_term_id, taxonomy_id, organization_id, modified_after, full and postcode$/) },
      ],
    });
    expect(parseQuery('taxonomy_terms', { top_only: 'ja' })).toEqual({ ok: false, errors: [{ path: 'top_only', message: 'Must be true or false' }] });
  });
});
