import { describe, expect, it } from 'vitest';
import { demoServices } from '#local/seed.ts';
import { parseServicesQuery, queryServices, type ServicesQuery } from '#shared/kaart/hsds/api.ts';
import { hsdsOrganizationId } from '#shared/kaart/hsds/ids.ts';
import { taxonomyId, termId } from '#shared/kaart/hsds/taxonomies.ts';

const now = new Date('2026-11-20T10:00:00Z');
const query = (parameters: Record<string, string>): ServicesQuery => {
  const parsed = parseServicesQuery(parameters);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.query;
};

describe('GET /services, the HSDS query', () => {
  it('pages in name order with the HSDS page fields', async () => {
    const services = await demoServices('regio-voorbeeld', now);
    const first = queryServices(services, query({ per_page: '20' }), now);
    expect(first).toMatchObject({ total_items: 55, total_pages: 3, page_number: 1, size: 20, first_page: true, last_page: false, empty: false });
    const last = queryServices(services, query({ per_page: '20', page: '3' }), now);
    expect(last).toMatchObject({ size: 15, first_page: false, last_page: true, empty: false });
    const beyond = queryServices(services, query({ per_page: '20', page: '4' }), now);
    expect(beyond).toMatchObject({ size: 0, last_page: true, empty: true, contents: [] });
    const names = [...first.contents, ...queryServices(services, query({ per_page: '20', page: '2' }), now).contents, ...last.contents].map((service) => service.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'nl')));
    expect(new Set(names).size).toBe(55);
    // The list has the one-to-one fields; the full service has the rest.
    expect(first.contents[0]).not.toHaveProperty('attributes');
    expect(queryServices(services, query({ full: 'true', per_page: '1' }), now).contents[0]).toHaveProperty('attributes');
  });

  it('filters on our taxonomy terms, a taxonomy, an organisation, words and the last change', async () => {
    const services = (await demoServices('regio-voorbeeld', now)).map((service, index) => ({ ...service, updatedAt: new Date(now.getTime() - index * 60_000).toISOString() }));
    const bridging = queryServices(services, query({ taxonomy_term_id: termId('kenmerken', 'wachtlijstoverbrugging') }), now);
    expect(bridging.total_items).toBe(services.filter((service) => service.bridging).length);
    expect(bridging.total_items).toBe(8);
    const finances = queryServices(services, query({ taxonomy_term_id: termId('levensdomeinen', 'finances'), per_page: '200' }), now);
    expect(finances.contents.map((service) => service.name).sort()).toEqual(services.filter((service) => service.domains.includes('finances')).map((service) => service.name).sort());
    expect(queryServices(services, query({ taxonomy_id: taxonomyId('categorieen') }), now).total_items).toBe(55);
    const [one] = services;
    expect(queryServices(services, query({ organization_id: hsdsOrganizationId(one!.organisationId) }), now).contents.map((service) => service.organization?.name)).toContain(one!.organisation);
    // Accents and case do not matter; every word must occur.
    const search = queryServices(services, query({ search: 'SCHULDHULP rivierstad' }), now);
    expect(search.total_items).toBeGreaterThan(0);
    for (const service of search.contents) expect(`${service.name} ${service.description} ${service.organization?.name}`.toLowerCase()).toMatch(/schuldhulp/);
    const recent = queryServices(services, query({ modified_after: new Date(now.getTime() - 2 * 60_000).toISOString() }), now);
    expect(recent.total_items).toBe(3);
    expect(queryServices(services, query({ modified_after: '2026-11-21' }), now).empty).toBe(true);
  });

  it('refuses bad parameters, naming every one, and parameters it does not serve', () => {
    expect(parseServicesQuery({ page: '0', per_page: '1000', modified_after: 'gisteren', taxonomy_term_id: 'geld', full: 'ja', postcode: '9901', format: 'ndjson' })).toEqual({
      ok: false,
      errors: [
        { path: 'page', message: 'Must be a whole number from 1' },
        { path: 'per_page', message: 'Must be a whole number from 1 to 200' },
        { path: 'format', message: 'Only json is served' },
        { path: 'taxonomy_term_id', message: 'Must be a lowercase UUID, as HSDS ids are' },
        { path: 'modified_after', message: 'Must be an ISO 8601 date or date-time, e.g. 2026-11-01T00:00:00Z' },
        { path: 'full', message: 'Must be true or false' },
        { path: 'postcode', message: 'Unknown parameter: this directory serves search, page, per_page, format, taxonomy_term_id, taxonomy_id, organization_id, modified_after and full' },
      ],
    });
    expect(parseServicesQuery(undefined)).toEqual({ ok: true, query: { page: 1, per_page: 50, full: false } });
  });
});
