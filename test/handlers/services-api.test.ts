import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hsdsServiceId } from '#shared/kaart/hsds/ids.ts';
import { termId } from '#shared/kaart/hsds/taxonomies.ts';
import { lambdaContext, startEmulatedAws, type EmulatedAws } from '../support/emulated-aws.ts';
import { hsdsValidators, type HsdsValidators } from '../support/hsds.ts';
import { readEvent } from '../support/samples.ts';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

let aws: EmulatedAws;
let handler: HttpHandler;
let validate: HsdsValidators;
const listTemplate = await readEvent<APIGatewayProxyEventV2>('api/get-services.json');
const oneTemplate = await readEvent<APIGatewayProxyEventV2>('api/get-service.json');

beforeAll(async () => {
  aws = await startEmulatedAws();
  aws.wire('services-api');
  handler = (await import('#functions/services-api/handler.ts')).handler;
  validate = await hsdsValidators();
});
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
    expect(all.body.total_items).toBe(55);
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
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(['modified_after', 'page', 'per_page', 'proximity']);
  });
});
