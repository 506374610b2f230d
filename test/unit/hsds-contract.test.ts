import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoServices } from '#local/seed.ts';
import { parseServicesQuery, queryServices } from '#shared/kaart/hsds/api.ts';
import { toHsdsService } from '#shared/kaart/hsds/to-hsds.ts';
import { hsdsValidators, readExample, type HsdsValidators } from '../support/hsds.ts';

// Our HSDS answers against the Open Referral HSDS 3.1 JSON schemas and openapi.json, as they are.
// The handler tests hold the deployed function's answers to the same validators.

let validate: HsdsValidators;
const now = new Date('2026-11-20T10:00:00Z');
const errorsOf = (validator: ValidateFunction) => JSON.stringify(validator.errors, null, 1);

beforeAll(async () => {
  validate = await hsdsValidators();
});

describe('the HSDS contract', () => {
  it('holds the validators to the spec: its own examples pass, a service with our slug as id does not', async () => {
    expect(validate.service(await readExample('service_full')), errorsOf(validate.service)).toBe(true);
    expect(validate.servicePage(await readExample('service_list')), errorsOf(validate.servicePage)).toBe(true);

    const [service] = await demoServices('regio-voorbeeld', now);
    const wrong = { ...toHsdsService(service!, now), id: service!.serviceId, status: 'open' };
    expect(validate.service(wrong)).toBe(false);
    expect(validate.service.errors?.map((error) => error.instancePath).sort()).toEqual(['/id', '/status']);
  });

  it('gives every service of the demo kaart as a valid HSDS service, with reservations and last change', async () => {
    for (const service of await demoServices('regio-voorbeeld', now)) {
      const published = toHsdsService({ ...service, placesTaken: 1, updatedAt: now.toISOString() }, now);
      expect(validate.service(published), `${service.serviceId}: ${errorsOf(validate.service)}`).toBe(true);
    }
  });

  it('gives GET /services pages that validate, in summary and in full', async () => {
    const services = await demoServices('regio-voorbeeld', now);
    for (const parameters of [{}, { per_page: '5', page: '2' }, { full: 'true' }, { search: 'geen-treffer-xyz' }]) {
      const parsed = parseServicesQuery(parameters);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const page = queryServices(services, parsed.query, now);
      expect(validate.servicePage(page), errorsOf(validate.servicePage)).toBe(true);
    }
  });
});
